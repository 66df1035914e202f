package dev.hollerith.platform.control;

/** No token, or a token that is unknown, expired or revoked. */
public class NotAuthenticated extends HollerithException {

    public NotAuthenticated(String message) {
        super(401, message);
    }
}
