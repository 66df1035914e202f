package dev.hollerith.platform.control;

/** 422: an {@code Idempotency-Key} the caller already used for a different request. */
public class IdempotencyKeyReused extends HollerithException {

    public IdempotencyKeyReused() {
        super(422, "This Idempotency-Key was already used with a different request; use a new key for a new request");
    }
}
