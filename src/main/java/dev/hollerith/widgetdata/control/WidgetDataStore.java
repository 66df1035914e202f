package dev.hollerith.widgetdata.control;

import dev.hollerith.history.control.DataHistory;
import dev.hollerith.history.control.DataSchemas;
import dev.hollerith.history.entity.DataSource;
import dev.hollerith.widgetdata.entity.IntegrationData;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one writer of widget data, for pulls and webhooks alike. Writes join the caller's
 * transaction; a new version is announced (304 cache, SSE listeners, every instance) only after
 * that transaction commits.
 */
@Stateless
public class WidgetDataStore {

    private static final Logger LOG = Logger.getLogger(WidgetDataStore.class.getName());

    @EJB
    IntegrationDataRows rows;

    @Inject
    Event<DataPublished> published;

    @EJB
    DataHistory history;

    @Inject
    DataSchemas schemas;

    /**
     * In the caller's transaction: a new version only when the content hash changed; resets status to
     * success and records the version in the history with the publication's source (issue 17).
     */
    public DataVersion publish(Publication publication) {
        DataKey key = publication.key();
        IntegrationData row = lockedRow(key, publication.organizationId());
        String json = publication.data().toString();
        String hash = ContentHash.of(publication.data());
        Instant now = Instant.now();
        DataSource source = publication.source();
        List<String> problems = source == DataSource.PULL || source == DataSource.WEBHOOK ? schemas.problems(key.integrationId(), json) : List.of();
        if (!problems.isEmpty()) {
            history.quarantine(row, source, json, hash, now, problems);
            return new DataVersion(row.version(), row.fetchedAt(), false);
        }
        boolean wasQuarantined = row.status() == IntegrationData.Status.QUARANTINED;
        boolean changed = row.accept(json, hash, publication.etag(), publication.lastModified(), now);
        if (wasQuarantined) {
            history.quarantineCleared(row);
        }
        if (changed) {
            history.record(key.integrationId(), key.discriminator(), publication.organizationId(), row.version(), source, json, hash, now);
            published.fire(new DataPublished(key.integrationId(), key.discriminator(), row.version()));
        }
        return new DataVersion(row.version(), row.fetchedAt(), changed);
    }

    /**
     * For writers that store several answers of one key in one transaction (webhook group commit):
     * the row, locked for the caller's transaction, created if it is the key's first data.
     */
    public IntegrationData lockForWrite(DataKey key, String organizationId) {
        return lockedRow(key, organizationId);
    }

    /**
     * The rows of several keys of one integration, locked with one statement; keys without a row yet
     * are absent from the answer (lock those one by one with {@link #lockForWrite}, which creates them).
     */
    public java.util.Map<String, IntegrationData> lockExisting(long integrationId, java.util.Collection<String> discriminators) {
        java.util.Map<String, IntegrationData> locked = new java.util.HashMap<>();
        for (IntegrationData row : rows.findAllLocked(integrationId, discriminators)) {
            locked.put(row.discriminator(), row);
        }
        return locked;
    }

    /**
     * Writes into a row from {@link #lockForWrite}, in the caller's transaction, without announcing:
     * the caller announces the key's last version once, with {@link #announce}, when it is durable.
     */
    public DataVersion write(IntegrationData row, String json, String contentHash, Instant now) {
        boolean changed = row.accept(json, contentHash, null, null, now);
        return new DataVersion(row.version(), row.fetchedAt(), changed);
    }

    /** Tells the 304 cache and the SSE listeners of every instance about a committed, durable version. */
    @jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.NOT_SUPPORTED)
    public void announce(long integrationId, String discriminator, long version) {
        published.fire(new DataPublished(integrationId, discriminator, version));
    }

    /** The upstream answered 304: what we hold is current, nothing else changes. */
    public Optional<DataVersion> confirm(long integrationId, String discriminator) {
        return rows.findLocked(integrationId, discriminator).map(row -> {
            row.confirm(Instant.now());
            return new DataVersion(row.version(), row.fetchedAt(), false);
        });
    }

    /** Keeps the last good data, sets status "error" and error_message. */
    public void recordFailure(long integrationId, String discriminator, String organizationId, String errorMessage) {
        lockedRow(new DataKey(integrationId, discriminator), organizationId).fail(errorMessage);
    }

    public Optional<IntegrationData> find(long integrationId, String discriminator) {
        return rows.find(integrationId, discriminator);
    }

    private IntegrationData lockedRow(DataKey key, String organizationId) {
        long integrationId = key.integrationId();
        String discriminator = key.discriminator();
        Optional<IntegrationData> row = rows.findLocked(integrationId, discriminator);
        if (row.isPresent()) {
            return row.get();
        }
        try {
            rows.insertIfAbsent(integrationId, discriminator, organizationId);
        } catch (RuntimeException raced) {
            // another writer inserted the same key a moment ago: its row is what we lock below
            LOG.log(Level.FINE, "integration data row created concurrently", raced);
        }
        return rows.findLocked(integrationId, discriminator)
                .orElseThrow(() -> new IllegalStateException("integration data row vanished: " + integrationId + "/" + discriminator));
    }

    /** The validators of the last stored answer of each key of one integration (none: {@link Validators#NONE}). */
    public java.util.Map<String, Validators> validators(long integrationId, java.util.Collection<String> discriminators) {
        return rows.validators(integrationId, discriminators);
    }

    /** {@link #confirm} for many keys at once, in the caller's transaction, as one batch; announces nothing (nothing changed). */
    public void confirmAll(java.util.Collection<Confirmation> confirmations) {
        rows.confirmAll(confirmations);
    }
}
