package dev.hollerith.security.boundary;

import dev.hollerith.platform.boundary.PlacedFilter;
import dev.hollerith.security.control.Caller;
import dev.hollerith.security.control.TokenIdentityStore;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Optional;

/**
 * Reads {@code Authorization: Bearer <token>} for every request of the application and, for a
 * valid token, lets the request carry its {@link Caller}: as the servlet principal with its role
 * (so {@code isUserInRole}, JAX-RS's {@code SecurityContext} and the {@link AccessFilter} see it)
 * and as a request attribute ({@link CurrentCaller}). A request without a token, or with an
 * invalid one, goes on anonymously and the {@link AccessFilter} answers 401 where a role is
 * required: authentication never writes a response itself, so every error keeps the JSON shape of
 * API.md.
 * <p>
 * A plain filter rather than a Jakarta Security mechanism: the JASPIC bridge costs more per request
 * (bean-manager look-ups, a JAAS subject, the default realm) than a player's whole 304 answer,
 * while a verified token is one map look-up and one constant-time compare here. Placed before
 * every filter the application declares ({@link PlacedFilter}), so every other filter (such as the
 * metrics guard) sees the caller too.
 */
@WebListener
public class BearerAuthentication extends PlacedFilter {

    static final String INVALID_TOKEN = "hollerith.invalid-token";

    @Inject
    TokenIdentityStore tokens;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Caller> caller = tokens.caller(header.substring(7).trim());
        if (caller.isEmpty()) {
            request.setAttribute(INVALID_TOKEN, Boolean.TRUE);
            chain.doFilter(request, response);
            return;
        }
        request.setAttribute(Caller.class.getName(), caller.get());
        chain.doFilter(new Authenticated(request, caller.get()), response);
    }

    /** The request as its caller sent it: principal, role and scheme of the verified token. */
    static final class Authenticated extends HttpServletRequestWrapper {

        private final Caller caller;

        Authenticated(HttpServletRequest request, Caller caller) {
            super(request);
            this.caller = caller;
        }

        @Override
        public Principal getUserPrincipal() {
            return caller;
        }

        @Override
        public String getRemoteUser() {
            return caller.getName();
        }

        @Override
        public boolean isUserInRole(String role) {
            return caller.role().roleName().equals(role);
        }

        @Override
        public String getAuthType() {
            return "Bearer";
        }
    }

    @Override
    protected Place place() {
        return Place.BEFORE_DECLARED;
    }

    @Override
    protected String urlPattern() {
        return "/*";
    }
}
