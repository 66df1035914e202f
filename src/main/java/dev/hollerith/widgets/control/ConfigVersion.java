package dev.hollerith.widgets.control;

import java.time.Instant;

/**
 * Which version of a widget config is stored, without its options: enough for a reader that keeps
 * what it derived from the options (the pull engine's discriminators and request values) to tell
 * whether that is still current. {@code updatedAt} changes with every rename or reconfiguration.
 */
public record ConfigVersion(String id, String organizationId, Instant updatedAt) {
}
