package dev.hollerith.widgetdata.control;

import dev.hollerith.widgetdata.entity.IntegrationData;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The version history of widget data, as the writer and reader of widget data need it. Declared here
 * and implemented by the history component, which itself reads, rolls back and prunes widget data:
 * so widget data does not depend on history. The writing methods run in the writer's transaction, so
 * a version and its history entry commit together or not at all.
 */
public interface VersionLog {

    /** A new version: {@code row}'s key holds {@code publication}'s data, received at {@code receivedAt}, as its {@code version}. */
    record NewVersion(IntegrationData row, long version, Publication publication, Instant receivedAt) {
    }

    /** Records new versions, written as one batch (the webhook group commit records hundreds per transaction). */
    void recordedAll(List<NewVersion> versions);

    /**
     * {@code publication}'s data failed the integration's data_schema and was kept as the quarantined
     * version {@code version}, a number of its own (the row goes on serving its last good data, as
     * {@code row.version()}); raises the alert.
     */
    void quarantined(IntegrationData row, long version, Publication publication, Instant receivedAt, List<String> problems);

    /** Good data arrived after quarantined data: the key's "data.quarantined" alert is resolved. */
    void quarantineCleared(IntegrationData row);

    /** A version of the key as it was stored: what a pinned key serves. */
    Optional<StoredVersion> find(DataKey key, long version);
}
