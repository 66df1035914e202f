package dev.hollerith.pull.control;

import dev.hollerith.alerts.control.AlertType;
import dev.hollerith.alerts.control.Alerts;
import dev.hollerith.widgetdata.control.DataKey;
import dev.hollerith.widgetdata.control.WidgetDataStore;
import jakarta.inject.Inject;
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

    @Inject
    Alerts alerts;

    public long succeeded(LeasedJob job, JsonValue data, String etag, String lastModified, Instant next, Instant ranAt, long lateness) {
        long version = store.publish(job.integrationId(), job.discriminator(), job.organizationId(), data, etag, lastModified).version();
        jobs.finish(job, next, 0, null, ranAt, lateness);
        recovered(job);
        return version;
    }

    public void notModified(LeasedJob job, Instant next, Instant ranAt, long lateness) {
        store.confirm(job.integrationId(), job.discriminator());
        jobs.finish(job, next, 0, null, ranAt, lateness);
        recovered(job);
    }

    public void failed(LeasedJob job, String message, int failures, Instant next, Instant ranAt, long lateness) {
        store.recordFailure(job.integrationId(), job.discriminator(), job.organizationId(), message);
        jobs.finish(job, next, failures, message, ranAt, lateness);
        alerts.pullFailed(job.organizationId(), job.integrationId(), job.widgetConfigId(), DataKey.of(job.integrationId(), job.discriminator()),
                failures, message);
    }

    /** Issue 17: a pull that works again resolves its "pull.failing" alert (only asked after failures). */
    private void recovered(LeasedJob job) {
        if (job.failures() > 0) {
            alerts.resolve(job.organizationId(), AlertType.PULL_FAILING, DataKey.of(job.integrationId(), job.discriminator()));
        }
    }

    /** Not run (e.g. the integration's rate limit is spent): later, and it is no failure. */
    public void postponed(LeasedJob job, Instant next) {
        jobs.release(job, next);
    }
}
