package dev.hollerith.pull.control;

import dev.hollerith.integrations.entity.WidgetIntegration;
import dev.hollerith.pull.entity.PullJob;
import dev.hollerith.widgetdata.control.Discriminator;
import dev.hollerith.widgets.entity.WidgetConfig;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import dev.hollerith.platform.control.UtcInstantConverter;
import java.time.Duration;
import java.time.Instant;
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
 * that only one transaction can win.
 */
@Stateless
public class PullJobs {

    private static final Logger LOG = Logger.getLogger(PullJobs.class.getName());

    @PersistenceContext
    EntityManager em;

    @EJB
    PullJobs self;

    @Inject
    @ConfigProperty(name = "hollerith.db.url")
    String databaseUrl;

    /** Makes sure a pullable (integration, config) has its job; the first run is due now. @return true if created */
    public boolean ensure(WidgetIntegration integration, WidgetConfig config) {
        if (!PullOptions.isPullable(integration)) {
            return false;
        }
        String discriminator = Discriminator.of(integration, config);
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

    /** Leases up to {@code limit} due jobs for {@code owner} until {@code now + leaseFor}; commits when it returns. */
    public List<LeasedJob> lease(String owner, int limit, Duration leaseFor) {
        if (limit <= 0) {
            return List.of();
        }
        Instant now = Instant.now();
        Instant until = now.plus(leaseFor);
        List<String> claimed = databaseUrl.startsWith("jdbc:postgresql:")
                ? claimSkippingLocked(owner, limit, now, until)
                : claimOneByOne(owner, limit, now, until);
        if (claimed.isEmpty()) {
            return List.of();
        }
        List<LeasedJob> leased = new ArrayList<>();
        for (PullJob job : em.createNamedQuery(PullJob.BY_IDS, PullJob.class).setParameter("ids", claimed).getResultList()) {
            leased.add(LeasedJob.of(job, owner));
        }
        return leased;
    }

    @SuppressWarnings("unchecked")
    private List<String> claimSkippingLocked(String owner, int limit, Instant now, Instant until) {
        List<String> ids = em.createNativeQuery("SELECT id FROM pull_job WHERE next_run_at <= ? AND (lease_until IS NULL OR lease_until < ?) "
                        + "ORDER BY next_run_at LIMIT ? FOR UPDATE SKIP LOCKED")
                .setParameter(1, UtcInstantConverter.toDatabase(now)).setParameter(2, UtcInstantConverter.toDatabase(now)).setParameter(3, limit)
                .getResultList();
        if (!ids.isEmpty()) {
            em.createNamedQuery(PullJob.CLAIM_LOCKED).setParameter("owner", owner).setParameter("until", until)
                    .setParameter("ids", ids).executeUpdate();
        }
        return ids;
    }

    private List<String> claimOneByOne(String owner, int limit, Instant now, Instant until) {
        List<String> candidates = em.createNamedQuery(PullJob.DUE, String.class).setParameter("now", now)
                .setMaxResults(limit * 2).getResultList();
        List<String> claimed = new ArrayList<>();
        for (String id : candidates) {
            if (claimed.size() == limit) {
                break;
            }
            int won = em.createNamedQuery(PullJob.CLAIM).setParameter("owner", owner).setParameter("until", until)
                    .setParameter("id", id).setParameter("now", now).executeUpdate();
            if (won == 1) {
                claimed.add(id);
            }
        }
        return claimed;
    }

    /** Ends a run: the next due time and the outcome. Ignored when the lease was lost meanwhile. */
    public boolean finish(LeasedJob job, Instant nextRunAt, int failures, String lastError, Instant ranAt, long latenessMs) {
        return em.createNamedQuery(PullJob.FINISH).setParameter("next", nextRunAt).setParameter("failures", failures)
                .setParameter("error", lastError).setParameter("ranAt", ranAt).setParameter("lateness", latenessMs)
                .setParameter("id", job.id()).setParameter("owner", job.owner()).executeUpdate() == 1;
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
        for (WidgetIntegration integration : em.createNamedQuery(WidgetIntegration.ALL, WidgetIntegration.class).getResultList()) {
            if (!PullOptions.isPullable(integration)) {
                continue;
            }
            Set<String> existing = new HashSet<>(em.createNamedQuery(PullJob.KEYS_OF_INTEGRATION, String.class)
                    .setParameter("integration", integration.id()).getResultList());
            for (WidgetConfig config : em.createNamedQuery(WidgetConfig.OF_WIDGET, WidgetConfig.class)
                    .setParameter("widget", integration.widgetId()).getResultList()) {
                String discriminator = Discriminator.of(integration, config);
                if (existing.add(discriminator)) {
                    try {
                        if (self.createIfAbsent(integration.id(), discriminator, config.id(), config.organizationId())) {
                            created++;
                        }
                    } catch (RuntimeException raced) {
                        LOG.log(Level.FINE, "pull job created concurrently", raced);
                    }
                }
            }
        }
        return created;
    }
}
