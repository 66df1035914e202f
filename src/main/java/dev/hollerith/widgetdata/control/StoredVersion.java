package dev.hollerith.widgetdata.control;

import java.time.Instant;

/** One version of a key's data as the history keeps it: its number, when it arrived, and the data as stored text. */
public record StoredVersion(long version, Instant receivedAt, String json) {
}
