package dev.hollerith.ratelimit.boundary;

import dev.hollerith.ratelimit.control.ResponseRateLimitHeaders;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/** Limited endpoints send their RateLimit headers on success too (API.md "Errors"). */
@Provider
public class RateLimitHeadersFilter implements ContainerResponseFilter {

    @Inject
    ResponseRateLimitHeaders earned;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        earned.headers().forEach((name, value) -> {
            if (!response.getHeaders().containsKey(name)) {
                response.getHeaders().putSingle(name, value);
            }
        });
    }
}
