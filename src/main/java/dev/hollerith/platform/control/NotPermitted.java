package dev.hollerith.platform.control;

/** An authenticated caller whose role may not do this. */
public class NotPermitted extends HollerithException {

    public NotPermitted(String message) {
        super(403, message);
    }
}
