package dev.hollerith.widgetdata.control;

import dev.hollerith.platform.control.UtcInstantConverter;
import dev.hollerith.widgetdata.entity.IntegrationData;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    private static final String CONFIRM = "UPDATE integration_data SET fetched_at = ?, status = ?, error_message = NULL "
            + "WHERE integration_id = ? AND discriminator = ? AND data IS NOT NULL";

    /**
     * The validators of the last stored answer per discriminator of one integration, a key lookup
     * each reading two columns: an IN list over the second column of the (integration,
     * discriminator) key made H2 scan every row of the integration and load the data too.
     */
    public Map<String, Validators> validators(long integrationId, Collection<String> discriminators) {
        Map<String, Validators> found = new HashMap<>();
        for (String discriminator : discriminators) {
            List<Object[]> rows = em.createQuery("SELECT d.etag, d.lastModified FROM IntegrationData d "
                            + "WHERE d.integrationId = :integration AND d.discriminator = :discriminator AND d.data IS NOT NULL", Object[].class)
                    .setParameter("integration", integrationId).setParameter("discriminator", discriminator).getResultList();
            found.put(discriminator, rows.isEmpty() ? Validators.NONE : new Validators((String) rows.get(0)[0], (String) rows.get(0)[1]));
        }
        return found;
    }

    /**
     * {@link IntegrationData#confirm} for many keys as one JDBC batch in the caller's transaction:
     * the pull engine's most common outcome, at thousands a second one round trip each was the cost.
     */
    public void confirmAll(Collection<Confirmation> confirmations) {
        if (confirmations.isEmpty()) {
            return;
        }
        em.flush(); // this transaction's entity changes first: the batch writes rows of the same table
        try (PreparedStatement confirm = em.unwrap(Connection.class).prepareStatement(CONFIRM)) {
            for (Confirmation confirmation : confirmations) {
                confirm.setObject(1, UtcInstantConverter.toDatabase(confirmation.at()));
                confirm.setString(2, IntegrationData.Status.SUCCESS.apiName());
                confirm.setLong(3, confirmation.integrationId());
                confirm.setString(4, confirmation.discriminator());
                confirm.addBatch();
            }
            confirm.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("confirming " + confirmations.size() + " integration data rows failed: " + e.getMessage(), e);
        }
    }
}
