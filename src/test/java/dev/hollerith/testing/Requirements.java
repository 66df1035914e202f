package dev.hollerith.testing;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * For tests that need what a new machine may lack (PostgreSQL, Chromium): they skip with a clear
 * message, except where {@code HOLLERITH_TESTS_STRICT=true} (set by {@code .ci/run}) makes a skip a failure.
 */
public final class Requirements {

    private Requirements() {
    }

    public static void require(boolean available, String whatIsMissing) {
        if (available) {
            return;
        }
        if (Boolean.parseBoolean(System.getenv("HOLLERITH_TESTS_STRICT"))) {
            fail("Required for this test but missing: " + whatIsMissing);
        }
        Assumptions.abort("Skipped: " + whatIsMissing);
    }

    public static boolean onPostgres() {
        return String.valueOf(System.getProperty("it.db.url")).startsWith("jdbc:postgresql:");
    }
}
