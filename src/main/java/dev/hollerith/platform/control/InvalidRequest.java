package dev.hollerith.platform.control;

/** A request the server cannot act on: bad parameters, malformed JSON, scope mismatch. */
public class InvalidRequest extends HollerithException {

    public InvalidRequest(String message) {
        super(400, message);
    }
}
