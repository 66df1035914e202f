package dev.hollerith.platform.control;

/** A part of the system that is switched off or cannot be reached right now. */
public class Unavailable extends HollerithException {

    public Unavailable(String message) {
        super(503, message);
    }
}
