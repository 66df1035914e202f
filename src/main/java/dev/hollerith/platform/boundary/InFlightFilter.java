package dev.hollerith.platform.boundary;

import dev.hollerith.platform.control.InFlightRequests;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Counts every request of the application for the graceful shutdown, and turns new ones away with
 * 503 once the instance is stopping, so a load balancer retries them on another instance.
 * Long-lived streams (SSE) are asynchronous: they leave the filter when the stream starts, so an
 * open stream never holds a shutdown.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class InFlightFilter implements Filter {

    private static final byte[] STOPPING = "{\"error\":\"This instance is shutting down; retry the request.\"}"
            .getBytes(StandardCharsets.UTF_8);

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        InFlightRequests requests = InFlightRequests.get();
        if (isHealth(request)) {
            // answered while stopping too: readiness reports DOWN with its reason
            chain.doFilter(request, response);
            return;
        }
        if (!requests.enter()) {
            HttpServletResponse http = (HttpServletResponse) response;
            http.setStatus(503);
            http.setHeader("Retry-After", "1");
            http.setHeader("Connection", "close");
            http.setContentType("application/json");
            http.setContentLength(STOPPING.length);
            http.getOutputStream().write(STOPPING);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            requests.leave();
        }
    }

    private static boolean isHealth(ServletRequest request) {
        String path = ((HttpServletRequest) request).getRequestURI();
        return path.equals("/health") || path.startsWith("/health/");
    }
}
