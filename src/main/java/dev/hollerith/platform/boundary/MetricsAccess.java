package dev.hollerith.platform.boundary;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Payara serves MicroProfile Metrics at {@code /metrics} inside this application's context, to
 * anyone: pool sizes, request counts and timings of every endpoint. Here it needs the admin role,
 * or, for a scraper that cannot sign in, the bearer token set as {@code hollerith.metrics.token}
 * (unset: admins only).
 */
@WebFilter(urlPatterns = {"/metrics", "/metrics/*"}, asyncSupported = true)
public class MetricsAccess extends HttpFilter {

    @Inject
    @ConfigProperty(name = "hollerith.metrics.token")
    Optional<String> scrapeToken;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        // a method nobody may use is refused by UnsupportedMethods, which closes the connection
        // (filter order among annotated filters is not defined); a 401 here would leave a TRACE body behind
        if (!UnsupportedMethods.SPOKEN.contains(request.getMethod())
                || request.isUserInRole("admin") || isScrapeToken(request.getHeader("Authorization"))) {
            chain.doFilter(request, response);
            return;
        }
        boolean signedIn = request.getUserPrincipal() != null;
        byte[] body = Json.createObjectBuilder().add("error", signedIn ? "Forbidden: metrics need the admin role"
                : "Authentication required: send Authorization: Bearer <token>").build().toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(signedIn ? 403 : 401);
        if (!signedIn) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private boolean isScrapeToken(String authorization) {
        if (scrapeToken.isEmpty() || scrapeToken.get().isBlank() || authorization == null
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        // digests of equal length, compared in constant time: the token's length and prefix stay secret
        return MessageDigest.isEqual(sha256(scrapeToken.get().trim()), sha256(authorization.substring(7).trim()));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
