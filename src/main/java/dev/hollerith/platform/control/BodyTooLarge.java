package dev.hollerith.platform.control;

/** A request body over the configured limit. */
public class BodyTooLarge extends HollerithException {

    public BodyTooLarge(String message) {
        super(413, message);
    }
}
