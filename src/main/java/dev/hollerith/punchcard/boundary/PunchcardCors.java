package dev.hollerith.punchcard.boundary;

import dev.hollerith.platform.boundary.ErrorMapper;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * CORS for the punch-card API only, so that a website can post messages from the browser: the
 * origins come from {@code hollerith.punchcard.cors-origins} (comma-separated, or {@code *}).
 * Preflights are answered before authentication, which they never carry. No cookies are involved
 * (the API takes bearer tokens), so credentials are never allowed.
 */
@Provider
@PreMatching
public class PunchcardCors implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String SCOPE = "api/punchcard";

    @Inject
    @ConfigProperty(name = "hollerith.punchcard.cors-origins")
    Optional<String> configuredOrigins;

    @Inject
    @ConfigProperty(name = "hollerith.punchcard.cors-max-age-seconds", defaultValue = "600")
    long maxAgeSeconds;

    private Set<String> origins;

    @PostConstruct
    void readOrigins() {
        origins = configuredOrigins.map(list -> Arrays.stream(list.split(",")).map(String::trim)
                .map(o -> o.endsWith("/") ? o.substring(0, o.length() - 1) : o)
                .filter(o -> !o.isEmpty()).collect(Collectors.toUnmodifiableSet())).orElse(Set.of());
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String origin = request.getHeaderString("Origin");
        boolean preflight = HttpMethod.OPTIONS.equals(request.getMethod()) && origin != null
                && request.getHeaderString("Access-Control-Request-Method") != null;
        if (!preflight || !inScope(request)) {
            return;
        }
        if (!allowed(origin)) {
            request.abortWith(ErrorMapper.error(403, "CORS: origin " + origin + " is not allowed for the punch-card API").build());
            return;
        }
        request.abortWith(Response.noContent()
                .header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
                .header("Access-Control-Allow-Headers", "Authorization, Content-Type")
                .header("Access-Control-Max-Age", Long.toString(maxAgeSeconds))
                .build());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String origin = request.getHeaderString("Origin");
        if (origin == null || !inScope(request)) {
            return;
        }
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.add("Vary", "Origin");
        if (allowed(origin)) {
            headers.putSingle("Access-Control-Allow-Origin", origins.contains("*") ? "*" : origin);
            headers.putSingle("Access-Control-Expose-Headers", "Location, Link, Retry-After, RateLimit, RateLimit-Policy");
        }
    }

    private boolean allowed(String origin) {
        return origins.contains("*") || origins.contains(origin);
    }

    private static boolean inScope(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        String relative = path.startsWith("/") ? path.substring(1) : path;
        return relative.equals(SCOPE) || relative.startsWith(SCOPE + "/");
    }
}
