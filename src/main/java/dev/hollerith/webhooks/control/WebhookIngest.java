package dev.hollerith.webhooks.control;

import dev.hollerith.webhooks.entity.WebhookDelivery;
import dev.hollerith.widgetdata.control.DataKey;
import dev.hollerith.widgetdata.control.DataQuarantined;
import dev.hollerith.widgetdata.control.DataVersion;
import dev.hollerith.widgetdata.control.LockedRows;
import dev.hollerith.widgetdata.control.Publication;
import dev.hollerith.widgetdata.control.WidgetDataStore;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.persistence.sessions.Session;

/**
 * Stores accepted deliveries, many in one transaction (group commit, see {@link DeliveryWriter}): the
 * widget data, its history and the log rows of every delivery in the batch commit together, and
 * REQUIRES_NEW makes that commit happen when this method returns, so no answer is ever ahead of the
 * database. A batch costs a handful of statements whatever its size: one lock per integration, one
 * look-up of re-sent bodies, and one JDBC batch each for the data rows, their history and the log.
 */
@Stateless
public class WebhookIngest {

    /** What a batch left: each delivery's outcome in batch order, and the last new version of each data key. */
    public record Batch(List<PendingDelivery.Stored> outcomes, Map<String, Long> newVersions) {
    }

    @PersistenceContext
    EntityManager em;

    @EJB
    WidgetDataStore store;

    @Inject
    ReplayGuard replayGuard;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Batch accept(List<PendingDelivery> batch) {
        Map<DataKey, String> keys = new HashMap<>();
        for (PendingDelivery pending : batch) {
            keys.putIfAbsent(pending.key(), pending.target().organizationId());
        }
        LockedRows rows = store.lockAll(keys);
        Connection connection = em.unwrap(Connection.class);
        Session session = em.unwrap(Session.class);
        try {
            // after the locks: a re-send stored meanwhile by another instance is committed and seen here
            Map<String, Long> stored = recentlyStored(connection, batch);
            // which deliveries are applied: not a re-send of one stored before, nor of one earlier in this batch
            int[] publicationOf = new int[batch.size()];
            int[] resendOf = new int[batch.size()];
            Map<String, Integer> firstOfBody = new HashMap<>();
            List<Publication> publications = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                PendingDelivery pending = batch.get(i);
                pending.delivery().numbered(session.getNextSequenceNumberValue(WebhookDelivery.class).longValue());
                publicationOf[i] = -1;
                resendOf[i] = -1;
                String resend = pending.resendKey();
                if (resend != null && stored.containsKey(resend)) {
                    continue;
                }
                Integer first = resend == null ? null : firstOfBody.putIfAbsent(resend, i);
                if (first != null) {
                    resendOf[i] = first;
                    continue;
                }
                publicationOf[i] = publications.size();
                publications.add(Publication.delivered(pending.key(), pending.target().organizationId(), pending.json(),
                        pending.contentHash(), pending.delivery().id()));
            }
            List<DataVersion> versions = store.writeAll(rows, publications, Instant.now());
            List<PendingDelivery.Stored> outcomes = new ArrayList<>(batch.size());
            Map<String, Long> newVersions = new HashMap<>();
            for (int i = 0; i < batch.size(); i++) {
                PendingDelivery pending = batch.get(i);
                WebhookDelivery delivery = pending.delivery();
                if (publicationOf[i] >= 0) {
                    DataVersion version = versions.get(publicationOf[i]);
                    if (version.isQuarantined()) {
                        delivery.quarantine(DataQuarantined.MESSAGE);
                        outcomes.add(new PendingDelivery.Stored(version.version(), false, version.quarantined()));
                        continue;
                    }
                    delivery.accept(version.version(), pending.replayKey(), pending.bodyHash());
                    if (version.changed()) {
                        newVersions.put(pending.dataKey(), version.version());
                    }
                    outcomes.add(new PendingDelivery.Stored(version.version(), false));
                } else if (resendOf[i] >= 0 && outcomes.get(resendOf[i]).quarantined() != null) {
                    // the same body twice in one batch, and it failed the data_schema: the same answer again
                    delivery.quarantine(DataQuarantined.MESSAGE);
                    outcomes.add(outcomes.get(resendOf[i]));
                } else {
                    long original = resendOf[i] >= 0 ? outcomes.get(resendOf[i]).version() : stored.get(pending.resendKey());
                    delivery.duplicate(original, (int) replayGuard.tolerance().toSeconds());
                    outcomes.add(new PendingDelivery.Stored(original, true));
                }
            }
            // a duplicate replay key (two instances, one id, the grid split) fails here, inside the call, not at the commit
            List<WebhookDelivery> log = new ArrayList<>(batch.size());
            batch.forEach(pending -> log.add(pending.delivery()));
            DeliveryRows.insertAll(connection, log);
            return new Batch(outcomes, newVersions);
        } catch (SQLException e) {
            // the SQLState, not the message: a database message may quote the values it refused
            throw new IllegalStateException("storing " + batch.size() + " webhook deliveries failed (SQLState " + e.getSQLState() + ")", e);
        }
    }

    /** Accepted deliveries of the batch's bodies within the tolerance, by resend key, with the version each made. */
    private Map<String, Long> recentlyStored(Connection connection, List<PendingDelivery> batch) throws SQLException {
        Set<String> hashes = new LinkedHashSet<>();
        Instant since = null;
        for (PendingDelivery pending : batch) {
            if (pending.bodyHash() != null) {
                hashes.add(pending.bodyHash());
                Instant from = pending.receivedAt().minus(replayGuard.tolerance());
                since = since == null || from.isBefore(since) ? from : since;
            }
        }
        return hashes.isEmpty() ? new HashMap<>() : DeliveryRows.acceptedBodies(connection, hashes, since);
    }
}
