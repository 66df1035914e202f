package dev.hollerith.ratelimit.control;

import java.time.Duration;
import java.util.Objects;

/** A named allowance: {@code permits} per {@code window}, e.g. ("credentials", 10, 1 minute). */
public record RateLimit(String name, long permits, Duration window) {

    public RateLimit {
        Objects.requireNonNull(name);
        if (permits < 1 || window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("A rate limit needs at least one permit in a positive window");
        }
    }

    public static RateLimit perMinute(String name, long permits) {
        return new RateLimit(name, permits, Duration.ofMinutes(1));
    }

    public static RateLimit perHour(String name, long permits) {
        return new RateLimit(name, permits, Duration.ofHours(1));
    }
}
