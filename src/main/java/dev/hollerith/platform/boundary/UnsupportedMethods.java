package dev.hollerith.platform.boundary;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses methods the API does not speak (TRACE above all, which would echo the caller's headers,
 * and WebDAV and invented verbs) with a JSON 405, in front of every servlet of the application:
 * JAX-RS, the static console and the health, metrics and OpenAPI servlets alike. The refused
 * request's body is read to its end before answering: the container's own refusal left it on
 * the connection, where it was read as the next request (TRACE with a body holding
 * {@code GET /openapi ...} got two answers). A body larger than the body limit is not read; the
 * connection is closed instead.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class UnsupportedMethods extends HttpFilter {

    static final Set<String> SPOKEN = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    @Inject
    @ConfigProperty(name = "hollerith.http.max-body-bytes", defaultValue = "262144")
    long maxBodyBytes;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (SPOKEN.contains(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        boolean drained = drain(request.getInputStream(), maxBodyBytes);
        byte[] body = Json.createObjectBuilder().add("error", "Method not allowed: allowed are " + String.join(", ", SPOKEN.stream().sorted().toList()))
                .build().toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(405);
        response.setHeader("Allow", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
        if (!drained) {
            response.setHeader("Connection", "close");
        }
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** @return whether the body was read to its end within {@code limit} bytes */
    static boolean drain(ServletInputStream in, long limit) throws IOException {
        byte[] buffer = new byte[8192];
        long read = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            read += n;
            if (read > limit) {
                return false;
            }
        }
        return true;
    }
}
