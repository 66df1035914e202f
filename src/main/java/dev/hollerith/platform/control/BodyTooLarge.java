package dev.hollerith.platform.control;

import java.util.Map;

/**
 * A request body over the configured limit. The rest of the body is not read, so the connection
 * is closed after the answer: whatever is left on it must never be read as the next request.
 */
public class BodyTooLarge extends HollerithException {

    public BodyTooLarge(String message) {
        super(413, message);
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Connection", "close");
    }
}
