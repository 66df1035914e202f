package dev.hollerith.platform.control;

/** Unknown ids and ids of another organization alike: never reveal another tenant's objects. */
public class UnknownResource extends HollerithException {

    public UnknownResource(String message) {
        super(404, message);
    }
}
