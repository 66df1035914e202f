package dev.hollerith.widgetdata.control;

import java.time.Instant;
import java.util.List;

/**
 * What a write left behind: the current version, when its data was fetched, and whether this write made
 * it; {@code quarantined} holds the data_schema errors when the data was kept as a quarantined version
 * instead (issue 17), empty otherwise.
 */
public record DataVersion(long version, Instant fetchedAt, boolean changed, List<String> quarantined) {

    public DataVersion {
        quarantined = List.copyOf(quarantined);
    }

    public DataVersion(long version, Instant fetchedAt, boolean changed) {
        this(version, fetchedAt, changed, List.of());
    }

    public boolean isQuarantined() {
        return !quarantined.isEmpty();
    }
}
