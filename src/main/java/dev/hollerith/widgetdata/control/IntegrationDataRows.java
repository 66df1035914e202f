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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
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

    private static final String COLUMNS = "id, organization_id, data, version, content_hash, fetched_at, status, error_message, etag,"
            + " last_modified, reserved_version, discriminator";
    private static final String STORE = "UPDATE integration_data SET data = ?, version = ?, content_hash = ?, fetched_at = ?, status = ?,"
            + " error_message = ?, etag = ?, last_modified = ?, reserved_version = ? WHERE id = ?";

    /**
     * Several rows of one integration, locked with one statement ({@code SELECT ... FOR UPDATE}, in
     * discriminator order, as every writer of several keys locks them), read with plain JDBC outside the
     * persistence context: the webhook group commit changes them in memory and stores them with
     * {@link #storeAll}. EclipseLink's reading, registering and change tracking of these rows was a
     * quarter of the webhook writer's time (docs/webhooks.md). Keys without a row are absent.
     */
    public List<IntegrationData> lockAll(long integrationId, Collection<String> discriminators) {
        if (discriminators.isEmpty()) {
            return List.of();
        }
        String sql = "SELECT " + COLUMNS + " FROM integration_data WHERE integration_id = ? AND discriminator IN ("
                + "?,".repeat(discriminators.size() - 1) + "?) ORDER BY discriminator FOR UPDATE";
        List<IntegrationData> locked = new ArrayList<>(discriminators.size());
        try (PreparedStatement lock = em.unwrap(Connection.class).prepareStatement(sql)) {
            lock.setLong(1, integrationId);
            int i = 2;
            for (String discriminator : discriminators) {
                lock.setString(i++, discriminator);
            }
            try (ResultSet row = lock.executeQuery()) {
                while (row.next()) {
                    long reserved = row.getLong(11);
                    Long reservedVersion = row.wasNull() ? null : reserved;
                    locked.add(new IntegrationData(row.getString(1), integrationId, row.getString(12), row.getString(2), row.getString(3),
                            row.getLong(4), row.getString(5), UtcInstantConverter.fromDatabase(row.getObject(6, LocalDateTime.class)),
                            row.getString(7), row.getString(8), row.getString(9), row.getString(10), reservedVersion));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("locking " + discriminators.size() + " integration data rows failed (SQLState "
                    + e.getSQLState() + ")", e);
        }
        return locked;
    }

    /** Writes back rows read by {@link #lockAll} and changed in memory, as one JDBC batch in the caller's transaction. */
    public void storeAll(Collection<IntegrationData> changed) {
        if (changed.isEmpty()) {
            return;
        }
        try (PreparedStatement store = em.unwrap(Connection.class).prepareStatement(STORE)) {
            for (IntegrationData row : changed) {
                store.setString(1, row.data());
                store.setLong(2, row.version());
                store.setString(3, row.contentHash());
                store.setObject(4, UtcInstantConverter.toDatabase(row.fetchedAt()));
                store.setString(5, row.status().apiName());
                store.setString(6, row.errorMessage());
                store.setString(7, row.etag());
                store.setString(8, row.lastModified());
                store.setObject(9, row.reservedVersion(), Types.BIGINT);
                store.setString(10, row.id());
                store.addBatch();
            }
            store.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("storing " + changed.size() + " integration data rows failed (SQLState " + e.getSQLState() + ")", e);
        }
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
