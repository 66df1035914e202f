package dev.hollerith.webhooks.control;

import dev.hollerith.platform.control.UtcInstantConverter;
import dev.hollerith.webhooks.entity.WebhookDelivery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The webhook group commit's statements on {@code webhook_delivery}, as plain JDBC on the transaction's
 * connection: a batch's log rows in one JDBC batch, and the lookup of re-sent bodies in one query.
 * Through EclipseLink these were a third of the writer's time (docs/webhooks.md, fifth round).
 * Everything else reads and writes the log through {@link WebhookDelivery} and JPA.
 */
final class DeliveryRows {

    private static final String INSERT = "INSERT INTO webhook_delivery (id, integration_id, widget_config_id, organization_id, received_at,"
            + " source_address, size_bytes, signature_verdict, outcome, reason, data_version, webhook_id, replay_key, payload,"
            + " payload_truncated, request_headers, body_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private DeliveryRows() {
    }

    /** Inserts the log rows, numbered beforehand ({@link WebhookDelivery#numbered}). A replay key seen before fails the whole batch. */
    static void insertAll(Connection connection, List<WebhookDelivery> deliveries) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (WebhookDelivery d : deliveries) {
                insert.setLong(1, d.id());
                insert.setLong(2, d.integrationId());
                insert.setString(3, d.widgetConfigId());
                insert.setString(4, d.organizationId());
                insert.setObject(5, UtcInstantConverter.toDatabase(d.receivedAt()));
                insert.setString(6, d.sourceAddress());
                insert.setInt(7, d.sizeBytes());
                insert.setString(8, d.signatureVerdict());
                insert.setString(9, d.outcome());
                insert.setString(10, d.reason());
                insert.setObject(11, d.version(), Types.BIGINT);
                insert.setString(12, d.webhookId());
                insert.setString(13, d.replayKey());
                insert.setString(14, d.payload());
                insert.setBoolean(15, d.payloadTruncated());
                insert.setString(16, d.requestHeaders());
                insert.setString(17, d.bodyHash());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * Accepted deliveries with one of {@code hashes} as body hash received since {@code since}: the version
     * each made, by {@link PendingDelivery#resendKey} (the newest where one body was accepted twice).
     */
    static Map<String, Long> acceptedBodies(Connection connection, Collection<String> hashes, Instant since) throws SQLException {
        Map<String, Long> found = new HashMap<>();
        String sql = "SELECT integration_id, widget_config_id, body_hash, data_version FROM webhook_delivery WHERE body_hash IN ("
                + "?,".repeat(hashes.size() - 1) + "?) AND received_at >= ? AND outcome = '" + WebhookDelivery.ACCEPTED + "'";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            int i = 1;
            for (String hash : hashes) {
                query.setString(i++, hash);
            }
            query.setObject(i, UtcInstantConverter.toDatabase(since));
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    found.merge(PendingDelivery.resendKey(row.getLong(1), row.getString(2), row.getString(3)), row.getLong(4), Math::max);
                }
            }
        }
        return found;
    }
}
