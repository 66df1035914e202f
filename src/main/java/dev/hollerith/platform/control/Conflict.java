package dev.hollerith.platform.control;

/** The request clashes with the current state, e.g. a duplicate unique name. */
public class Conflict extends HollerithException {

    public Conflict(String message) {
        super(409, message);
    }
}
