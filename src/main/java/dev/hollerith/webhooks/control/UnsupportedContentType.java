package dev.hollerith.webhooks.control;

import dev.hollerith.platform.control.HollerithException;

/** 415: a delivery whose Content-Type says it is not JSON. */
public class UnsupportedContentType extends HollerithException {

    public UnsupportedContentType() {
        super(415, "Unsupported media type: a webhook body is JSON; send Content-Type: application/json (or a +json type), or none");
    }
}
