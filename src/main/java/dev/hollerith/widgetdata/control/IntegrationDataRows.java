package dev.hollerith.widgetdata.control;

import dev.hollerith.widgetdata.entity.IntegrationData;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

/**
 * Row access for {@link IntegrationData}. The first row of a key is inserted in a transaction of
 * its own: two writers racing for a new key then meet at the unique constraint there, and the
 * loser simply locks the winner's row, instead of rolling back its caller's whole transaction.
 */
@Stateless
public class IntegrationDataRows {

    @PersistenceContext
    EntityManager em;

    public Optional<IntegrationData> find(long integrationId, String discriminator) {
        return em.createNamedQuery(IntegrationData.BY_KEY, IntegrationData.class)
                .setParameter("integration", integrationId).setParameter("discriminator", discriminator)
                .getResultStream().findFirst();
    }

    /** The row, locked for this transaction (SELECT ... FOR UPDATE): concurrent writers of one key take turns. */
    public Optional<IntegrationData> findLocked(long integrationId, String discriminator) {
        return em.createNamedQuery(IntegrationData.BY_KEY, IntegrationData.class)
                .setParameter("integration", integrationId).setParameter("discriminator", discriminator)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst();
    }

    /** Several rows of one integration locked with one statement (the webhook group commit's keys). */
    public java.util.List<IntegrationData> findAllLocked(long integrationId, java.util.Collection<String> discriminators) {
        return em.createNamedQuery(IntegrationData.BY_KEYS, IntegrationData.class)
                .setParameter("integration", integrationId).setParameter("discriminators", discriminators)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
    }

    /** The rows of an integration that hold data last fetched before {@code cutoff}: key and fetch time, not the data. */
    public java.util.List<Fetched> fetchedBefore(long integrationId, java.time.Instant cutoff) {
        return em.createQuery("SELECT d.organizationId, d.discriminator, d.fetchedAt FROM IntegrationData d"
                        + " WHERE d.integrationId = :integration AND d.data IS NOT NULL AND d.fetchedAt < :cutoff", Object[].class)
                .setParameter("integration", integrationId).setParameter("cutoff", cutoff).getResultStream()
                .map(row -> new Fetched((String) row[0], (String) row[1], row[2] instanceof java.time.LocalDateTime utc
                        ? utc.toInstant(java.time.ZoneOffset.UTC) : (java.time.Instant) row[2]))
                .toList();
    }

    /** When the data of one key was last fetched. */
    public record Fetched(String organizationId, String discriminator, java.time.Instant fetchedAt) {
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void insertIfAbsent(long integrationId, String discriminator, String organizationId) {
        if (find(integrationId, discriminator).isEmpty()) {
            em.persist(new IntegrationData(integrationId, discriminator, organizationId));
            em.flush();
        }
    }
}
