package dev.hollerith.webhooks.control;

import dev.hollerith.webhooks.entity.WebhookDelivery;
import dev.hollerith.widgetdata.control.DataKey;
import dev.hollerith.widgetdata.control.DataQuarantined;
import dev.hollerith.widgetdata.control.DataVersion;
import dev.hollerith.widgetdata.control.Publication;
import dev.hollerith.widgetdata.control.WidgetDataStore;
import dev.hollerith.widgetdata.entity.IntegrationData;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stores accepted deliveries, many in one transaction (group commit, see {@link DeliveryWriter}): the
 * widget data and the log rows of every delivery in the batch commit together, and REQUIRES_NEW makes
 * that commit happen when this method returns, so no answer is ever ahead of the database.
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
        // one statement locks the rows of an integration's keys (sorted, as every writer sorts them);
        // a key's first delivery creates its row, then locks it on its own
        Map<Long, TreeMap<String, PendingDelivery>> keysOfIntegration = new TreeMap<>();
        for (PendingDelivery pending : batch) {
            keysOfIntegration.computeIfAbsent(pending.target().integrationId(), id -> new TreeMap<>())
                    .putIfAbsent(pending.target().discriminator(), pending);
        }
        Map<String, IntegrationData> rows = new HashMap<>();
        for (Map.Entry<Long, TreeMap<String, PendingDelivery>> integration : keysOfIntegration.entrySet()) {
            Map<String, IntegrationData> locked = store.lockExisting(integration.getKey(), integration.getValue().keySet());
            for (PendingDelivery first : integration.getValue().values()) {
                WebhookTarget target = first.target();
                IntegrationData row = locked.get(target.discriminator());
                rows.put(first.dataKey(), row != null ? row
                        : store.lockForWrite(new DataKey(target.integrationId(), target.discriminator()), target.organizationId()));
            }
        }
        // after the locks: a re-send stored meanwhile by another instance is committed and seen here
        Map<String, Long> stored = recentlyStored(batch);
        List<PendingDelivery.Stored> outcomes = new ArrayList<>(batch.size());
        Map<String, Long> newVersions = new HashMap<>();
        Instant now = Instant.now();
        for (PendingDelivery pending : batch) {
            String resend = pending.resendKey();
            Long original = resend == null ? null : stored.get(resend);
            if (original != null) {
                em.persist(pending.delivery().duplicate(original, (int) replayGuard.tolerance().toSeconds()));
                outcomes.add(new PendingDelivery.Stored(original, true));
                continue;
            }
            IntegrationData row = rows.get(pending.dataKey());
            WebhookDelivery delivery = pending.delivery();
            em.persist(delivery); // its id links the history entry of the version it makes
            WebhookTarget target = pending.target();
            DataVersion version = store.write(row, Publication.delivered(new DataKey(target.integrationId(), target.discriminator()),
                    target.organizationId(), pending.json(), pending.contentHash(), delivery.id()), now);
            if (version.isQuarantined()) {
                delivery.quarantine(DataQuarantined.MESSAGE);
                outcomes.add(new PendingDelivery.Stored(version.version(), false, version.quarantined()));
                continue;
            }
            delivery.accept(version.version(), pending.replayKey(), pending.bodyHash());
            if (resend != null) {
                stored.put(resend, version.version());
            }
            if (version.changed()) {
                newVersions.put(pending.dataKey(), version.version());
            }
            outcomes.add(new PendingDelivery.Stored(version.version(), false));
        }
        // a duplicate replay key (two instances, one id, the grid split) fails here, inside the call, not at a later commit
        em.flush();
        return new Batch(outcomes, newVersions);
    }

    /** Accepted deliveries of the batch's bodies within the tolerance, by resend key, with the version each made. */
    private Map<String, Long> recentlyStored(List<PendingDelivery> batch) {
        List<String> hashes = new ArrayList<>();
        Instant since = null;
        for (PendingDelivery pending : batch) {
            if (pending.bodyHash() != null) {
                hashes.add(pending.bodyHash());
                Instant from = pending.receivedAt().minus(replayGuard.tolerance());
                since = since == null || from.isBefore(since) ? from : since;
            }
        }
        Map<String, Long> found = new HashMap<>();
        if (hashes.isEmpty()) {
            return found;
        }
        List<Object[]> rows = em.createNamedQuery(WebhookDelivery.RECENT_BODIES, Object[].class)
                .setParameter("hashes", hashes).setParameter("since", since).getResultList();
        for (Object[] row : rows) {
            found.merge(row[0] + "/" + row[1] + "/" + row[2], ((Number) row[3]).longValue(), Math::max);
        }
        return found;
    }
}
