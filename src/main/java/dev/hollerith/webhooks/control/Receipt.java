package dev.hollerith.webhooks.control;

import java.time.Instant;

/**
 * What an accepted delivery answers (seed 002): the data version that now holds its content, and when it came;
 * {@code duplicate} when it was a byte-identical re-send, acknowledged but not applied again.
 */
public record Receipt(long version, Instant receivedAt, boolean duplicate) {
}
