package dev.hollerith.pull.control;

import dev.hollerith.alerts.control.AlertType;
import dev.hollerith.alerts.control.Alerts;
import dev.hollerith.widgetdata.control.DataKey;
import jakarta.inject.Inject;
import dev.hollerith.widgetdata.control.WidgetDataStore;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.util.List;

/**
 * Writes outcomes of runs: the data (or the failure) and the job's next due time commit together,
 * so a crash never leaves new data with an old schedule or the reverse. Outcomes that finished
 * together share one transaction (one commit for many pulls); the scheduler falls back to one
 * transaction each when a shared one fails.
 */
@Stateless
public class PullOutcomes {

    @EJB
    WidgetDataStore store;

    @EJB
    PullJobs jobs;

    @Inject
    Alerts alerts;

    public void recordAll(List<PullOutcome> outcomes) {
        for (PullOutcome outcome : outcomes) {
            apply(outcome);
        }
    }

    public void record(PullOutcome outcome) {
        apply(outcome);
    }

    private void apply(PullOutcome outcome) {
        LeasedJob job = outcome.job();
        switch (outcome.kind()) {
            case SUCCEEDED -> {
                store.publish(job.integrationId(), job.discriminator(), job.organizationId(), outcome.data(), outcome.etag(), outcome.lastModified());
                jobs.finish(job, outcome.next(), 0, null, outcome.ranAt(), outcome.lateness());
                recovered(job);
            }
            case NOT_MODIFIED -> {
                store.confirm(job.integrationId(), job.discriminator());
                jobs.finish(job, outcome.next(), 0, null, outcome.ranAt(), outcome.lateness());
                recovered(job);
            }
            case FAILED -> {
                store.recordFailure(job.integrationId(), job.discriminator(), job.organizationId(), outcome.error());
                jobs.finish(job, outcome.next(), outcome.failures(), outcome.error(), outcome.ranAt(), outcome.lateness());
                alerts.pullFailed(job.organizationId(), job.integrationId(), job.widgetConfigId(),
                        DataKey.of(job.integrationId(), job.discriminator()), outcome.failures(), outcome.error());
            }
            case POSTPONED -> jobs.release(job, outcome.next());
        }
    }

    /** Issue 17: a pull that works again resolves its "pull.failing" alert (only asked after failures). */
    private void recovered(LeasedJob job) {
        if (job.failures() > 0) {
            alerts.resolve(job.organizationId(), AlertType.PULL_FAILING, DataKey.of(job.integrationId(), job.discriminator()));
        }
    }
}
