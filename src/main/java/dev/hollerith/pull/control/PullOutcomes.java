package dev.hollerith.pull.control;

import dev.hollerith.alerts.control.AlertType;
import dev.hollerith.alerts.control.Alerts;
import dev.hollerith.platform.control.UtcInstantConverter;
import dev.hollerith.widgetdata.control.Confirmation;
import dev.hollerith.widgetdata.control.DataKey;
import dev.hollerith.widgetdata.control.Publication;
import dev.hollerith.widgetdata.control.WidgetDataStore;
import dev.hollerith.widgetdata.entity.DataSource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes outcomes of runs: the data (or the failure) and the job's next due time commit together,
 * so a crash never leaves new data with an old schedule or the reverse. Outcomes that finished
 * together share one transaction (one commit for many pulls); the scheduler falls back to one
 * transaction each when a shared one fails.
 *
 * <p>The common outcomes cost no statement of their own: "not modified" (the upstream answered
 * 304, written by {@link WidgetDataStore#confirmAll}, the owner of that table) and the end of every
 * run are written as JDBC batches in that transaction. Profiling the
 * first version showed the writer spending its time in one UPDATE after another, a round trip
 * each; new data and failures still go through {@link WidgetDataStore}, which announces versions.
 */
@Stateless
public class PullOutcomes {

    private static final String FINISH = "UPDATE pull_job SET lease_owner = NULL, lease_until = NULL, next_run_at = ?, failures = ?, "
            + "last_error = ?, last_run_at = ?, last_lateness_ms = ? WHERE id = ? AND lease_owner = ?";

    @PersistenceContext
    EntityManager em;

    @EJB
    WidgetDataStore store;

    @EJB
    PullJobs jobs;

    @Inject
    Alerts alerts;

    public void recordAll(List<PullOutcome> outcomes) {
        List<Confirmation> confirmed = new ArrayList<>();
        List<PullOutcome> finished = new ArrayList<>();
        for (PullOutcome outcome : outcomes) {
            LeasedJob job = outcome.job();
            switch (outcome.kind()) {
                case SUCCEEDED -> {
                    PullOutcome.Answer answer = outcome.answer();
                    store.publish(Publication.of(new DataKey(job.integrationId(), job.discriminator()), job.organizationId(), answer.data(),
                            DataSource.PULL).withValidators(answer.etag(), answer.lastModified()));
                    finished.add(outcome);
                    recovered(job);
                }
                case NOT_MODIFIED -> {
                    confirmed.add(new Confirmation(job.integrationId(), job.discriminator(),
                            outcome.run().ranAt() == null ? Instant.now() : outcome.run().ranAt()));
                    finished.add(outcome);
                    recovered(job);
                }
                case FAILED -> {
                    store.recordFailure(job.integrationId(), job.discriminator(), job.organizationId(), outcome.error());
                    finished.add(outcome);
                    alerts.pullFailed(job.organizationId(), job.integrationId(), job.widgetConfigId(),
                            DataKey.of(job.integrationId(), job.discriminator()), outcome.failures(), outcome.error());
                }
                case POSTPONED -> jobs.release(job, outcome.next());
            }
        }
        if (finished.isEmpty()) {
            return;
        }
        // "not modified" is the widget data component's write (one batch there), the end of every run ours
        store.confirmAll(confirmed);
        em.flush(); // the store's changes first: the batch below writes other rows of the same transaction
        try (PreparedStatement finish = em.unwrap(Connection.class).prepareStatement(FINISH)) {
            for (PullOutcome outcome : finished) {
                finish.setObject(1, UtcInstantConverter.toDatabase(outcome.next()));
                finish.setInt(2, outcome.failures());
                String error = outcome.error();
                if (error == null) {
                    finish.setNull(3, Types.VARCHAR);
                } else {
                    finish.setString(3, error.length() > 1000 ? error.substring(0, 1000) : error);
                }
                finish.setObject(4, UtcInstantConverter.toDatabase(outcome.run().ranAt()));
                finish.setLong(5, outcome.run().latenessMs());
                finish.setString(6, outcome.job().id());
                finish.setString(7, outcome.job().owner());
                finish.addBatch();
            }
            finish.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("recording " + outcomes.size() + " pull outcomes failed: " + e.getMessage(), e);
        }
    }

    /** One outcome in its own transaction (the fallback when a shared one failed). */
    public void record(PullOutcome outcome) {
        recordAll(List.of(outcome));
    }

    /** Issue 17: a pull that works again resolves its "pull.failing" alert (only asked after failures). */
    private void recovered(LeasedJob job) {
        if (job.failures() > 0) {
            alerts.resolve(job.organizationId(), AlertType.PULL_FAILING, DataKey.of(job.integrationId(), job.discriminator()));
        }
    }
}
