package dev.hollerith.platform.control;

import jakarta.ejb.ApplicationException;
import java.util.Map;

/**
 * The one exception family of Hollerith. Each subclass names an outcome the API contract knows
 * (API.md "Errors"); {@code ErrorMapper} turns it into the JSON error shape. Rollback is marked so
 * that a failure inside a transaction never half-commits.
 */
@ApplicationException(rollback = true)
public abstract class HollerithException extends RuntimeException {

    private final int status;

    protected HollerithException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** Extra response headers this outcome needs (e.g. {@code Retry-After}). */
    public Map<String, String> headers() {
        return Map.of();
    }
}
