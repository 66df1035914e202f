package dev.hollerith.pull.control;

import dev.hollerith.pull.entity.PullJob;
import java.time.Instant;

/** A pull job this instance holds the lease of: a detached snapshot, safe to hand to a worker thread. */
public record LeasedJob(String id, long integrationId, String discriminator, String widgetConfigId, String organizationId,
                        Instant dueAt, int failures, String owner) {

    static LeasedJob of(PullJob job, String owner) {
        return new LeasedJob(job.id(), job.integrationId(), job.discriminator(), job.widgetConfigId(), job.organizationId(),
                job.nextRunAt(), job.failures(), owner);
    }
}
