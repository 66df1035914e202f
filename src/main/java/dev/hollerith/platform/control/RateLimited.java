package dev.hollerith.platform.control;

import java.util.LinkedHashMap;
import java.util.Map;

/** 429: the caller spent its allowance; {@code retryAfterSeconds} goes into {@code Retry-After}. */
public class RateLimited extends HollerithException {

    private final long retryAfterSeconds;
    private final Map<String, String> limitHeaders;

    public RateLimited(String message, long retryAfterSeconds) {
        this(message, retryAfterSeconds, Map.of());
    }

    /** @param limitHeaders the {@code RateLimit-Policy} / {@code RateLimit} headers of the limiter */
    public RateLimited(String message, long retryAfterSeconds, Map<String, String> limitHeaders) {
        super(429, message);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
        this.limitHeaders = Map.copyOf(limitHeaders);
    }

    @Override
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>(limitHeaders);
        headers.put("Retry-After", Long.toString(retryAfterSeconds));
        return headers;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
