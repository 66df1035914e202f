package dev.hollerith.outbound.control;

import dev.hollerith.platform.control.InvalidRequest;

/** The SSRF guard refused the destination; the message says why and is safe to show. */
public class OutboundRefused extends InvalidRequest {

    public OutboundRefused(String message) {
        super(message);
    }
}
