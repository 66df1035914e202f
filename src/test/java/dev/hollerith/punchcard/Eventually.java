package dev.hollerith.punchcard;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.opentest4j.AssertionFailedError;

/** Waits for the display worker, which runs on its own clock. */
final class Eventually {

    private Eventually() {
    }

    static <T> T await(String what, Duration timeout, Supplier<T> poll) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            T value = poll.get();
            if (value != null && !Boolean.FALSE.equals(value)) {
                return value;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionFailedError("Timed out after " + timeout + " waiting for " + what);
    }
}
