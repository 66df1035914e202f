package dev.hollerith.widgetdata.control;

import java.time.Instant;

/** What a publish left behind: the current version, when its data was fetched, and whether this publish made it. */
public record DataVersion(long version, Instant fetchedAt, boolean changed) {
}
