package dev.hollerith.pull.control;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When to try a failing upstream again: exponential in the number of consecutive failures, capped,
 * with jitter so that many jobs that failed together (an upstream outage) do not return together.
 * An upstream's {@code Retry-After} is a floor: we never come back sooner than it asked.
 */
public record Backoff(Duration base, Duration max, double jitter) {

    public Backoff {
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter must be between 0 and 1");
        }
    }

    /** @param failures consecutive failures including this one (1 for the first) */
    public Duration after(int failures, Optional<Duration> retryAfter, DoubleSupplier random) {
        int exponent = Math.max(0, Math.min(failures - 1, 30));
        double exponential = Math.min(max.toMillis(), base.toMillis() * Math.pow(2, exponent));
        double factor = 1 - jitter + 2 * jitter * random.getAsDouble();
        long delay = Math.round(Math.min(max.toMillis(), exponential * factor));
        if (retryAfter.isPresent() && retryAfter.get().toMillis() > delay) {
            delay = retryAfter.get().toMillis();
        }
        return Duration.ofMillis(Math.max(delay, 1));
    }

    /** {@code Retry-After} as delta-seconds or an HTTP date; nonsense is ignored. */
    public static Optional<Duration> parseRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.trim();
        try {
            long seconds = Long.parseLong(text);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(Math.min(seconds, Duration.ofDays(1).toSeconds())));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration delta = Duration.between(now, at);
                return delta.isNegative() ? Optional.of(Duration.ZERO) : Optional.of(delta);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
