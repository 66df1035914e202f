package dev.hollerith.tenancy.boundary;

import dev.hollerith.platform.boundary.Data;
import dev.hollerith.platform.control.FieldErrors;
import dev.hollerith.ratelimit.control.RateLimit;
import dev.hollerith.ratelimit.control.RateLimiter;
import dev.hollerith.security.boundary.CurrentCaller;
import dev.hollerith.security.control.BearerToken;
import dev.hollerith.tenancy.control.Sessions;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

@Path("dashboard/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SessionsResource {

    public record SignIn(String email, String password) {
        SignIn validated() {
            new FieldErrors().text("email", email, 254).text("password", password, 200).throwIfAny();
            return this;
        }
    }

    public record Token(String token, Instant expiresAt) {
    }

    public record Me(String id, String role, String organizationId) {
    }

    @Inject
    Sessions sessions;

    @Inject
    RateLimiter rateLimiter;

    /**
     * Slows password guessing per account and source address; bcrypt already makes each guess
     * expensive. Counted per address so that an attacker at one address cannot lock the owner
     * out from another.
     */
    @Inject
    @ConfigProperty(name = "hollerith.ratelimit.sign-in-per-minute", defaultValue = "30")
    long signInsPerMinute;

    /**
     * The ceiling for one account over all addresses: far above what one address may spend, so it
     * only bites a guesser spread over many addresses.
     */
    @Inject
    @ConfigProperty(name = "hollerith.ratelimit.sign-in-per-account-per-minute", defaultValue = "300")
    long signInsPerAccountPerMinute;

    @Context
    HttpServletRequest http;

    @Inject
    CurrentCaller caller;

    @POST
    @PermitAll
    public Response signIn(SignIn body) {
        SignIn request = FieldErrors.requireBody(body).validated();
        String account = request.email().trim().toLowerCase(Locale.ROOT);
        // the per-address limit last: its RateLimit headers, the tighter ones, are those the answer carries;
        // the address is the peer's as the socket shows it (a forwarded-for header is whatever the caller writes)
        rateLimiter.consume(RateLimit.perMinute("sign-in-per-account", signInsPerAccountPerMinute), account);
        rateLimiter.consume(RateLimit.perMinute("sign-in-per-address", signInsPerMinute), account + "|" + http.getRemoteAddr());
        Sessions.Opened opened = sessions.open(request.email(), request.password());
        return Response.status(201).entity(Data.of(new Token(opened.token(), opened.expiresAt()))).build();
    }

    @GET
    @Path("current")
    @RolesAllowed({"admin", "member", "player", "punchcard"})
    public Data<Me> current() {
        return Data.of(new Me(caller.get().id(), caller.get().role().roleName(), caller.get().organizationId()));
    }

    @DELETE
    @Path("current")
    @RolesAllowed({"admin", "member", "player", "punchcard"})
    public Response signOut(@HeaderParam("Authorization") String authorization) {
        BearerToken.parse(authorization.substring("Bearer ".length()))
                .filter(token -> token.kind() == BearerToken.Kind.SESSION)
                .ifPresent(token -> sessions.close(token.id()));
        return Response.noContent().build();
    }
}
