package dev.hollerith.pull.control;

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
            }
            case NOT_MODIFIED -> {
                store.confirm(job.integrationId(), job.discriminator());
                jobs.finish(job, outcome.next(), 0, null, outcome.ranAt(), outcome.lateness());
            }
            case FAILED -> {
                store.recordFailure(job.integrationId(), job.discriminator(), job.organizationId(), outcome.error());
                jobs.finish(job, outcome.next(), outcome.failures(), outcome.error(), outcome.ranAt(), outcome.lateness());
            }
            case POSTPONED -> jobs.release(job, outcome.next());
        }
    }
}
