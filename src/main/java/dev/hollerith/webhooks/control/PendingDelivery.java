package dev.hollerith.webhooks.control;

import dev.hollerith.webhooks.entity.WebhookDelivery;
import dev.hollerith.widgetdata.control.DataKey;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A verified, parsed delivery waiting for its commit: the data as stored text and its content hash
 * (computed on the request's thread, not the writer's), its log row, the Standard Webhooks replay key
 * (or null) and the hash of its raw body (or null when re-sends are told apart by id, not by bytes).
 * {@code stored} completes once the commit it shared with others is durable.
 */
public record PendingDelivery(WebhookTarget target, String json, String contentHash, WebhookDelivery delivery, String replayKey,
                              String bodyHash, Instant receivedAt, CompletableFuture<Stored> stored) {

    /**
     * The outcome: the version holding the delivery's content, and whether it was a re-send of one already stored;
     * {@code quarantined} holds the data_schema errors when the content was kept as a quarantined version (issue 17).
     */
    public record Stored(long version, boolean duplicate, List<String> quarantined) {

        public Stored(long version, boolean duplicate) {
            this(version, duplicate, null);
        }
    }

    public String dataKey() {
        return DataKey.of(target.integrationId(), target.discriminator());
    }

    DataKey key() {
        return new DataKey(target.integrationId(), target.discriminator());
    }

    /** Deliveries with the same key and body hash within the tolerance are one delivery sent twice. */
    String resendKey() {
        return bodyHash == null ? null : resendKey(target.integrationId(), target.widgetConfigId(), bodyHash);
    }

    /** The key under which a stored delivery's body is found again ({@link DeliveryRows#acceptedBodies}). */
    static String resendKey(long integrationId, String widgetConfigId, String bodyHash) {
        return integrationId + "/" + widgetConfigId + "/" + bodyHash;
    }

    @Override
    public String toString() {
        return "PendingDelivery[" + target + "]";
    }
}
