package dev.hollerith.pull.control;

import dev.hollerith.widgetdata.control.WidgetDataStore;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.json.JsonValue;
import java.time.Instant;

/**
 * Writes the outcome of one run in one transaction: the data (or the failure) and the job's next
 * due time commit together, so a crash never leaves new data with an old schedule or the reverse.
 */
@Stateless
public class PullOutcomes {

    @EJB
    WidgetDataStore store;

    @EJB
    PullJobs jobs;

    public long succeeded(LeasedJob job, JsonValue data, String etag, String lastModified, Instant next, Instant ranAt, long lateness) {
        long version = store.publish(job.integrationId(), job.discriminator(), job.organizationId(), data, etag, lastModified).version();
        jobs.finish(job, next, 0, null, ranAt, lateness);
        return version;
    }

    public void notModified(LeasedJob job, Instant next, Instant ranAt, long lateness) {
        store.confirm(job.integrationId(), job.discriminator());
        jobs.finish(job, next, 0, null, ranAt, lateness);
    }

    public void failed(LeasedJob job, String message, int failures, Instant next, Instant ranAt, long lateness) {
        store.recordFailure(job.integrationId(), job.discriminator(), job.organizationId(), message);
        jobs.finish(job, next, failures, message, ranAt, lateness);
    }

    /** Not run (e.g. the integration's rate limit is spent): later, and it is no failure. */
    public void postponed(LeasedJob job, Instant next) {
        jobs.release(job, next);
    }
}
