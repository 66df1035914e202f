package dev.hollerith.webhooks.control;

import java.time.Instant;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One delivery as it arrived: the exact body bytes (signatures cover bytes, not JSON), a header lookup
 * that ignores case, when and from where it came.
 */
public record InboundWebhook(byte[] body, UnaryOperator<String> headers, Instant receivedAt, String sourceAddress) {

    public InboundWebhook {
        body = body == null ? new byte[0] : body;
        Objects.requireNonNull(headers);
        Objects.requireNonNull(receivedAt);
    }

    /** The header's value, or null when absent or blank. */
    public String header(String name) {
        String value = headers.apply(name);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
