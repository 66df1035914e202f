package dev.hollerith.widgetdata.control;

import java.time.Instant;

/** An upstream answered "not modified" at {@code at} for this key: the data we hold is current. */
public record Confirmation(long integrationId, String discriminator, Instant at) {
}
