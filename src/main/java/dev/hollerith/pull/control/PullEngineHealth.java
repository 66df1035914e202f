package dev.hollerith.pull.control;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The pull engine at a glance, read from its schedule ({@code pull_job}): a job due long ago and
 * not leased means no instance is ticking; jobs with failures are upstreams in trouble. Here, in
 * the component that owns the rows, so that the console asks it instead of querying them.
 */
@Stateless
public class PullEngineHealth {

    public record Summary(String state, boolean enabled, long jobs, long failing, long overdue, Instant lastRunAt) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    PullSettings settings;

    /** How late a due job may be before the engine counts as stalled (ticks are about a second apart). */
    @Inject
    @ConfigProperty(name = "hollerith.console.pull-overdue-seconds", defaultValue = "120")
    long overdueSeconds;

    public Summary summary() {
        Instant now = Instant.now();
        Instant overdueBefore = now.minus(Duration.ofSeconds(overdueSeconds));
        long jobs = count("SELECT COUNT(j) FROM PullJob j", null, null);
        long failing = count("SELECT COUNT(j) FROM PullJob j WHERE j.failures > 0", null, null);
        long overdue = count("SELECT COUNT(j) FROM PullJob j WHERE j.nextRunAt < :before AND (j.leaseUntil IS NULL OR j.leaseUntil < :now)",
                overdueBefore, now);
        // Not MAX(): an aggregate skips the column's converter and would hand back the database type.
        Instant lastRun = em.createQuery("SELECT j.lastRunAt FROM PullJob j WHERE j.lastRunAt IS NOT NULL ORDER BY j.lastRunAt DESC", Instant.class)
                .setMaxResults(1).getResultStream().findFirst().orElse(null);
        String state = !settings.enabled() ? "disabled" : overdue > 0 ? "stalled" : failing > 0 ? "degraded" : "running";
        return new Summary(state, settings.enabled(), jobs, failing, overdue, lastRun);
    }

    private long count(String jpql, Instant before, Instant now) {
        var query = em.createQuery(jpql, Long.class);
        if (before != null) {
            query.setParameter("before", before).setParameter("now", now);
        }
        return query.getSingleResult();
    }
}
