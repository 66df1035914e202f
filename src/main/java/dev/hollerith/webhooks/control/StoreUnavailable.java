package dev.hollerith.webhooks.control;

import dev.hollerith.platform.control.Unavailable;
import java.util.Map;

/** 503: the delivery could not be committed, so it was not acknowledged; the sender should retry. */
public class StoreUnavailable extends Unavailable {

    public StoreUnavailable() {
        super("The webhook could not be stored; nothing was saved. Retry shortly.");
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", "5");
    }
}
