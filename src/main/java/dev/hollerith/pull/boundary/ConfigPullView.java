package dev.hollerith.pull.boundary;

import java.time.Instant;

/**
 * How the pulls feeding one widget config are doing, for the config's data view: an operator sees
 * the cause of missing data (last error, failures, next attempt) where the data is missing.
 * {@code scheduled} is false until a player's first read starts the pull.
 */
public record ConfigPullView(long integrationId, String integrationName, boolean scheduled, Instant lastRunAt,
                             Instant nextRunAt, int failures, String lastError, boolean running) {
}
