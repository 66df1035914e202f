package dev.hollerith.ratelimit.control;

import jakarta.enterprise.context.RequestScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/** The RateLimit headers earned during this request, written by {@code RateLimitHeadersFilter}. */
@RequestScoped
public class ResponseRateLimitHeaders {

    private final Map<String, String> headers = new LinkedHashMap<>();

    void add(Allowance allowance) {
        headers.putAll(allowance.headers());
    }

    public Map<String, String> headers() {
        return headers;
    }
}
