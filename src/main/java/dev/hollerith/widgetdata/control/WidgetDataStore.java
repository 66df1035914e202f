package dev.hollerith.widgetdata.control;

import dev.hollerith.widgetdata.entity.IntegrationData;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
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
        DataVersion version = write(lockedRow(publication.key(), publication.organizationId()), publication, Instant.now(),
                newVersion -> log.recordedAll(List.of(newVersion)));
        if (version.changed()) {
            published.fire(new DataPublished(publication.key().integrationId(), publication.key().discriminator(), version.version()));
        }
        return version;
    }

    /**
     * For writers that store many answers in one transaction (webhook group commit): the rows of
     * {@code keys} (each with the organization that owns it), locked with one statement per
     * integration in discriminator order, as every writer of several keys locks them; a key's first
     * data creates its row, which is then locked on its own. Write into them with {@link #writeAll}.
     */
    public LockedRows lockAll(Map<DataKey, String> keys) {
        Map<Long, TreeMap<String, String>> byIntegration = new TreeMap<>();
        keys.forEach((key, organizationId) -> byIntegration.computeIfAbsent(key.integrationId(), id -> new TreeMap<>())
                .put(key.discriminator(), organizationId));
        LockedRows locked = new LockedRows();
        byIntegration.forEach((integrationId, discriminators) -> {
            rows.lockAll(integrationId, discriminators.keySet()).forEach(locked::add);
            discriminators.forEach((discriminator, organizationId) -> {
                DataKey key = new DataKey(integrationId, discriminator);
                if (!locked.holds(key)) {
                    createRow(key, organizationId);
                    rows.lockAll(integrationId, List.of(discriminator)).forEach(locked::add);
                    if (!locked.holds(key)) {
                        throw new IllegalStateException("integration data row vanished: " + key.text());
                    }
                }
            });
        });
        return locked;
    }

    /**
     * {@link #write} for each publication in turn, into rows locked by {@link #lockAll}, in the caller's
     * transaction; the new versions' history and the rows are then stored with one JDBC batch each.
     * Announces nothing: the caller announces each key's last version once it is durable ({@link #announce}).
     *
     * @return each publication's outcome, in order
     */
    public List<DataVersion> writeAll(LockedRows locked, List<Publication> publications, Instant now) {
        List<VersionLog.NewVersion> recorded = new ArrayList<>();
        List<DataVersion> versions = new ArrayList<>(publications.size());
        Set<IntegrationData> written = new LinkedHashSet<>();
        for (Publication publication : publications) {
            IntegrationData row = locked.row(publication.key());
            versions.add(write(row, publication, now, recorded::add));
            written.add(row);
        }
        log.recordedAll(recorded);
        rows.storeAll(written);
        return versions;
    }

    /**
     * Writes into a locked row, in the caller's transaction, without announcing. Pulled and pushed data that
     * fails the integration's data_schema becomes a quarantined version; otherwise a new version only when the
     * content hash changed, with status back to success. Either way the history records it (issue 17): a new
     * version through {@code recorder}, so a batch can record all of its versions at once.
     */
    private DataVersion write(IntegrationData row, Publication publication, Instant now, Consumer<VersionLog.NewVersion> recorder) {
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
            recorder.accept(new VersionLog.NewVersion(row, row.version(), publication, now));
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
        Optional<IntegrationData> row = rows.findLocked(key.integrationId(), key.discriminator());
        if (row.isPresent()) {
            return row.get();
        }
        createRow(key, organizationId);
        return rows.findLocked(key.integrationId(), key.discriminator())
                .orElseThrow(() -> new IllegalStateException("integration data row vanished: " + key.text()));
    }

    /** The key's first row, in a transaction of its own (see {@link IntegrationDataRows}); a row another writer created meanwhile is fine. */
    private void createRow(DataKey key, String organizationId) {
        try {
            rows.insertIfAbsent(key.integrationId(), key.discriminator(), organizationId);
        } catch (RuntimeException raced) {
            // another writer inserted the same key a moment ago: its row is what the caller locks next
            LOG.log(Level.FINE, "integration data row created concurrently", raced);
        }
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
