package dev.hollerith.pull.control;

import dev.hollerith.pull.entity.PullJob;
import java.time.Instant;

/** A pull job this instance holds the lease of: a detached snapshot, safe to hand to a worker thread. */
public record LeasedJob(String id, long integrationId, String discriminator, String widgetConfigId, String organizationId,
                        Instant dueAt, int failures, String owner) {

    /** From a row of {@link PullJob#LEASED_COLUMNS}. */
    static LeasedJob of(Object[] row, String owner) {
        return new LeasedJob((String) row[0], ((Number) row[1]).longValue(), (String) row[2], (String) row[3], (String) row[4],
                (Instant) row[5], ((Number) row[6]).intValue(), owner);
    }
}
