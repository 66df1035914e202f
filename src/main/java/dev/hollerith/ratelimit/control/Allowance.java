package dev.hollerith.ratelimit.control;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one consumption left: whether it was allowed, the permits remaining, and the seconds until
 * the next permit (when refused) and until the allowance is full again. Rendered as the IETF
 * httpapi draft headers {@code RateLimit-Policy: "name";q=100;w=60} and {@code RateLimit: "name";r=42;t=18}.
 */
public record Allowance(RateLimit limit, boolean allowed, long remaining, long retryAfterSeconds, long resetSeconds) {

    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        String name = "\"" + limit.name() + "\"";
        headers.put("RateLimit-Policy", name + ";q=" + limit.permits() + ";w=" + limit.window().toSeconds());
        headers.put("RateLimit", name + ";r=" + remaining + ";t=" + resetSeconds);
        return headers;
    }
}
