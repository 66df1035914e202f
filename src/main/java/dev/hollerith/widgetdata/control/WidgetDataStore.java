package dev.hollerith.widgetdata.control;

import dev.hollerith.widgetdata.entity.IntegrationData;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    @Inject
    VersionLog log;

    @Inject
    DataSchemas schemas;

    /** In the caller's transaction: {@link #write} into the key's row, locked (created on its first data), and announced after the commit. */
    public DataVersion publish(Publication publication) {
        DataVersion version = write(lockedRow(publication.key(), publication.organizationId()), publication, Instant.now());
        if (version.changed()) {
            published.fire(new DataPublished(publication.key().integrationId(), publication.key().discriminator(), version.version()));
        }
        return version;
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
    public Map<String, IntegrationData> lockExisting(long integrationId, Collection<String> discriminators) {
        Map<String, IntegrationData> locked = new HashMap<>();
        for (IntegrationData row : rows.findAllLocked(integrationId, discriminators)) {
            locked.put(row.discriminator(), row);
        }
        return locked;
    }

    /**
     * Writes into a locked row, in the caller's transaction, without announcing (the caller announces the
     * key's last version once, with {@link #announce}, when it is durable). Pulled and pushed data that fails
     * the integration's data_schema becomes a quarantined version; otherwise a new version only when the
     * content hash changed, with status back to success. Either way the history records it (issue 17).
     */
    public DataVersion write(IntegrationData row, Publication publication, Instant now) {
        List<String> problems = publication.isChecked() ? schemas.problems(row.integrationId(), publication.json()) : List.of();
        if (!problems.isEmpty()) {
            log.quarantined(row, row.quarantine(DataQuarantined.MESSAGE), publication, now, problems);
            return new DataVersion(row.version(), row.fetchedAt(), false, problems);
        }
        boolean wasQuarantined = row.status() == IntegrationData.Status.QUARANTINED;
        boolean changed = row.accept(publication.json(), publication.contentHash(), publication.etag(), publication.lastModified(), now);
        if (wasQuarantined) {
            log.quarantineCleared(row);
        }
        if (changed) {
            log.recorded(row, publication, now);
        }
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
    public Map<String, Validators> validators(long integrationId, Collection<String> discriminators) {
        return rows.validators(integrationId, discriminators);
    }

    /** {@link #confirm} for many keys at once, in the caller's transaction, as one batch; announces nothing (nothing changed). */
    public void confirmAll(Collection<Confirmation> confirmations) {
        rows.confirmAll(confirmations);
    }
}
