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
 * request's body is read as far as the container hands it over, and the connection is closed
 * after the answer: the container's own refusal left the body on the connection, where it was
 * read as the next request (TRACE with a body holding {@code GET /openapi ...} got two answers),
 * and Grizzly does not hand a TRACE body to the application at all, so only closing is sure.
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
        drain(request.getInputStream(), maxBodyBytes);
        byte[] body = Json.createObjectBuilder().add("error", "Method not allowed: allowed are " + String.join(", ", SPOKEN.stream().sorted().toList()))
                .build().toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(405);
        response.setHeader("Allow", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
        response.setHeader("Connection", "close");
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** Reads what the container hands over of the body, at most {@code limit} bytes. */
    static void drain(ServletInputStream in, long limit) throws IOException {
        byte[] buffer = new byte[8192];
        long read = 0;
        int n;
        while (read <= limit && (n = in.read(buffer)) >= 0) {
            read += n;
        }
    }
}
