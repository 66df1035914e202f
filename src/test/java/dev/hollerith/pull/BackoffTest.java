package dev.hollerith.pull;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hollerith.pull.control.Backoff;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackoffTest {

    final Backoff backoff = new Backoff(Duration.ofSeconds(30), Duration.ofHours(1), 0.2);

    @Test
    void doublesPerFailureUpToTheCap() {
        assertEquals(Duration.ofSeconds(30), backoff.after(1, Optional.empty(), () -> 0.5));
        assertEquals(Duration.ofSeconds(60), backoff.after(2, Optional.empty(), () -> 0.5));
        assertEquals(Duration.ofSeconds(240), backoff.after(4, Optional.empty(), () -> 0.5));
        assertEquals(Duration.ofHours(1), backoff.after(40, Optional.empty(), () -> 0.5));
    }

    @Test
    void jitterSpreadsWithinItsBand() {
        assertEquals(Duration.ofSeconds(48), backoff.after(2, Optional.empty(), () -> 0.0));
        assertEquals(Duration.ofSeconds(72), backoff.after(2, Optional.empty(), () -> 1.0));
        assertTrue(backoff.after(40, Optional.empty(), () -> 1.0).compareTo(Duration.ofHours(1)) <= 0, "never above the cap");
    }

    @Test
    void retryAfterIsAFloor() {
        assertEquals(Duration.ofSeconds(600), backoff.after(1, Optional.of(Duration.ofSeconds(600)), () -> 0.5));
        assertEquals(Duration.ofSeconds(30), backoff.after(1, Optional.of(Duration.ofSeconds(5)), () -> 0.5));
    }

    @Test
    void parsesRetryAfterSecondsAndDates() {
        Instant now = Instant.parse("2025-10-24T10:56:00Z");
        assertEquals(Optional.of(Duration.ofSeconds(120)), Backoff.parseRetryAfter("120", now));
        assertEquals(Optional.of(Duration.ofSeconds(90)), Backoff.parseRetryAfter("Fri, 24 Oct 2025 10:57:30 GMT", now));
        assertEquals(Optional.empty(), Backoff.parseRetryAfter("soon", now));
        assertEquals(Optional.empty(), Backoff.parseRetryAfter("-3", now));
    }
}
