package dev.hollerith.outbound.control;

/** The upstream could not be reached, did not answer in time, or answered too much; the message is safe to show. */
public class OutboundFailed extends RuntimeException {

    public OutboundFailed(String message) {
        super(message, null, false, false);
    }
}
