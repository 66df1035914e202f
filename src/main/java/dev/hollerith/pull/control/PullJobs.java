package dev.hollerith.pull.control;

import dev.hollerith.integrations.entity.WidgetIntegration;
import dev.hollerith.platform.control.UtcInstantConverter;
import dev.hollerith.pull.entity.PullJob;
import dev.hollerith.widgets.entity.WidgetConfig;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The pull schedule in the database. Leasing is what makes a cluster of per-instance timers run
 * each due pull once: on PostgreSQL due rows are locked with {@code FOR UPDATE SKIP LOCKED}, so
 * instances never wait on each other; elsewhere (H2) each row is claimed by a conditional UPDATE
 * that only one transaction can win ({@link EmbeddedLeaseClaim}).
 */
@Stateless
public class PullJobs {

    private static final Logger LOG = Logger.getLogger(PullJobs.class.getName());

    /** Jobs the reconcile creates in one transaction: 10,000 new configs were 10,000 transactions. */
    static final int CREATE_BATCH = 500;

    @PersistenceContext
    EntityManager em;

    @EJB
    PullJobs self;

    @Inject
    PullInputs inputs;

    @Inject
    @ConfigProperty(name = "hollerith.db.url")
    String databaseUrl;

    /** Makes sure a pullable (integration, config) has its job; the first run is due now. @return true if created */
    public boolean ensure(WidgetIntegration integration, WidgetConfig config) {
        PullInputs.Definition definition = inputs.definition(integration);
        if (!definition.options().pullable()) {
            return false;
        }
        String discriminator = inputs.plan(definition, config).discriminator();
        if (find(integration.id(), discriminator).isPresent()) {
            return false;
        }
        try {
            return self.createIfAbsent(integration.id(), discriminator, config.id(), config.organizationId());
        } catch (RuntimeException raced) {
            LOG.log(Level.FINE, "pull job created concurrently", raced);
            return false;
        }
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean createIfAbsent(long integrationId, String discriminator, String widgetConfigId, String organizationId) {
        if (find(integrationId, discriminator).isPresent()) {
            return false;
        }
        em.persist(new PullJob(integrationId, discriminator, widgetConfigId, organizationId, Instant.now()));
        em.flush();
        return true;
    }

    public Optional<PullJob> find(long integrationId, String discriminator) {
        return em.createNamedQuery(PullJob.BY_KEY, PullJob.class)
                .setParameter("integration", integrationId).setParameter("discriminator", discriminator)
                .getResultStream().findFirst();
    }

    /** Due now: picked up by the next tick of whichever instance is first. */
    public void dueNow(long integrationId, String discriminator) {
        em.createNamedQuery(PullJob.DUE_NOW).setParameter("now", Instant.now())
                .setParameter("integration", integrationId).setParameter("discriminator", discriminator).executeUpdate();
    }

    /**
     * Leases up to {@code limit} jobs due by {@code horizon} (a little ahead of now, so that the
     * scheduler can start each at its due time instead of at the next tick) for {@code owner}, until
     * {@code now + leaseFor} plus that lead; commits when it returns.
     */
    public List<LeasedJob> lease(String owner, int limit, Duration leaseFor, Instant horizon) {
        if (limit <= 0) {
            return List.of();
        }
        Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
        // whole milliseconds: the H2 claim is read back by its lease time, which must survive the round trip exactly
        Instant until = (horizon.isAfter(now) ? horizon : now).plus(leaseFor).truncatedTo(ChronoUnit.MILLIS);
        List<Object[]> claimed = databaseUrl.startsWith("jdbc:postgresql:")
                ? claimSkippingLocked(owner, limit, now, horizon, until)
                : claimAtOnce(owner, limit, now, horizon, until);
        List<LeasedJob> leased = new ArrayList<>(claimed.size());
        for (Object[] row : claimed) {
            leased.add(LeasedJob.of(row, owner));
        }
        return leased;
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> claimSkippingLocked(String owner, int limit, Instant now, Instant horizon, Instant until) {
        List<String> ids = em.createNativeQuery("SELECT id FROM pull_job WHERE next_run_at <= ? AND (lease_until IS NULL OR lease_until < ?) "
                        + "ORDER BY next_run_at LIMIT ? FOR UPDATE SKIP LOCKED")
                .setParameter(1, UtcInstantConverter.toDatabase(horizon)).setParameter(2, UtcInstantConverter.toDatabase(now)).setParameter(3, limit)
                .getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        em.createNamedQuery(PullJob.CLAIM_LOCKED).setParameter("owner", owner).setParameter("until", until)
                .setParameter("ids", ids).executeUpdate();
        return em.createNamedQuery(PullJob.LEASED_BY_IDS, Object[].class).setParameter("ids", ids).getResultList();
    }

    /** H2: a conditional UPDATE of the due candidates, and the winners read back (see {@link EmbeddedLeaseClaim}). */
    private List<Object[]> claimAtOnce(String owner, int limit, Instant now, Instant horizon, Instant until) {
        try {
            return EmbeddedLeaseClaim.claim(em.unwrap(Connection.class), owner, limit, now, horizon, until);
        } catch (SQLException e) {
            throw new IllegalStateException("leasing pull jobs failed: " + e.getMessage(), e);
        }
    }

    /** Gives the lease back without a run: the job is due again at {@code next}. */
    public void release(LeasedJob job, Instant next) {
        em.createNamedQuery(PullJob.RELEASE).setParameter("next", next).setParameter("id", job.id())
                .setParameter("owner", job.owner()).executeUpdate();
    }

    public void delete(String jobId) {
        em.createNamedQuery(PullJob.DELETE).setParameter("id", jobId).executeUpdate();
    }

    public List<PullJob> ofIntegration(long integrationId, String organizationIdOrAll, int offset, int limit) {
        var query = organizationIdOrAll == null
                ? em.createNamedQuery(PullJob.OF_INTEGRATION, PullJob.class)
                : em.createNamedQuery(PullJob.OF_INTEGRATION_AND_ORGANIZATION, PullJob.class).setParameter("organization", organizationIdOrAll);
        return query.setParameter("integration", integrationId).setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    /**
     * Creates the jobs of widget configs that have none (configs created since, options changed):
     * the safety net behind the creation on first read. @return how many were created
     */
    public int reconcile() {
        int created = 0;
        for (PullInputs.Definition definition : inputs.allDefinitions()) {
            if (!definition.options().pullable()) {
                continue;
            }
            long integrationId = definition.integration().id();
            Set<String> existing = new HashSet<>(em.createNamedQuery(PullJob.KEYS_OF_INTEGRATION, String.class)
                    .setParameter("integration", integrationId).getResultList());
            // discriminators are derived again only for configs changed since the last reconcile
            List<PullInputs.ConfigPlan> missing = new ArrayList<>();
            for (PullInputs.ConfigPlan plan : inputs.plansOfWidget(definition)) {
                if (existing.add(plan.discriminator())) {
                    missing.add(plan);
                }
            }
            for (int from = 0; from < missing.size(); from += CREATE_BATCH) {
                created += create(integrationId, missing.subList(from, Math.min(missing.size(), from + CREATE_BATCH)));
            }
        }
        return created;
    }

    /** Up to {@link #CREATE_BATCH} new jobs in one transaction (one flush, a JDBC batch); one by one if another instance raced us. */
    private int create(long integrationId, List<PullInputs.ConfigPlan> plans) {
        try {
            return self.createAll(integrationId, plans);
        } catch (RuntimeException raced) {
            LOG.log(Level.FINE, "pull jobs created concurrently; creating them one by one", raced);
        }
        int created = 0;
        for (PullInputs.ConfigPlan plan : plans) {
            try {
                if (self.createIfAbsent(integrationId, plan.discriminator(), plan.config().id(), plan.config().organizationId())) {
                    created++;
                }
            } catch (RuntimeException raced) {
                LOG.log(Level.FINE, "pull job created concurrently", raced);
            }
        }
        return created;
    }

    /** New jobs whose keys the caller found free; fails as a whole (the unique key) if another instance created one meanwhile. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int createAll(long integrationId, List<PullInputs.ConfigPlan> plans) {
        Instant now = Instant.now();
        for (PullInputs.ConfigPlan plan : plans) {
            em.persist(new PullJob(integrationId, plan.discriminator(), plan.config().id(), plan.config().organizationId(), now));
        }
        em.flush();
        return plans.size();
    }
}
