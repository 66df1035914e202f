package dev.hollerith.history.control;

import dev.hollerith.history.entity.DataRevision;
import dev.hollerith.widgetdata.control.DataKey;
import dev.hollerith.widgetdata.control.WidgetDataStore;
import dev.hollerith.widgetdata.entity.IntegrationData;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bounds the history: a version is deleted only when it is older than
 * {@code HOLLERITH_DATA_HISTORY_DAYS} days <em>and</em> not among the newest
 * {@code HOLLERITH_DATA_HISTORY_VERSIONS} of its key, and never while it is served or pinned. Every
 * instance runs it ({@link HistoryPruning}); the deletes are idempotent, so that costs nothing but a query.
 */
@Stateless
public class HistoryRetention {

    @PersistenceContext
    EntityManager em;

    @EJB
    WidgetDataStore store;

    @Inject
    Pins pins;

    @Inject
    @ConfigProperty(name = "hollerith.data.history.versions", defaultValue = "50")
    int keepVersions;

    @Inject
    @ConfigProperty(name = "hollerith.data.history.days", defaultValue = "30")
    int keepDays;

    /** @return how many versions were deleted */
    public int prune(Instant now) {
        Instant cutoff = now.minus(Duration.ofDays(Math.max(0, keepDays)));
        int deleted = 0;
        List<Object[]> keys = em.createNamedQuery(DataRevision.KEYS_WITH_OLD, Object[].class).setParameter("cutoff", cutoff).getResultList();
        for (Object[] key : keys) {
            long integrationId = ((Number) key[0]).longValue();
            String discriminator = (String) key[1];
            List<Long> newest = em.createNamedQuery(DataRevision.VERSIONS_OF_KEY, Long.class)
                    .setParameter("integration", integrationId).setParameter("discriminator", discriminator)
                    .setFirstResult(Math.max(1, keepVersions) - 1).setMaxResults(1).getResultList();
            if (newest.isEmpty()) {
                continue; // fewer versions than the count to keep
            }
            long served = store.find(integrationId, discriminator).map(IntegrationData::version).orElse(0L);
            long pinned = pins.version(DataKey.of(integrationId, discriminator)).orElse(0);
            deleted += em.createNamedQuery(DataRevision.PRUNE)
                    .setParameter("integration", integrationId).setParameter("discriminator", discriminator)
                    .setParameter("cutoff", cutoff).setParameter("below", newest.get(0))
                    .setParameter("pinned", pinned).setParameter("served", served).executeUpdate();
        }
        return deleted;
    }
}
