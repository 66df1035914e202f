package dev.hollerith.pull.control;

import dev.hollerith.alerts.control.AlertType;
import dev.hollerith.alerts.control.Alerts;
import dev.hollerith.integrations.entity.CredentialScope;
import dev.hollerith.integrations.entity.WidgetIntegration;
import dev.hollerith.pull.entity.BudgetWindow;
import jakarta.annotation.Resource;
import jakarta.ejb.EJBException;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Upstream request budgets (issue 17): an integration may say how many upstream requests its plan allows
 * per credential set and hour or day. Every request the pull engine sends spends one, scheduled or manual;
 * the scheduler stretches the interval of the set's pulls so that they fit the window evenly, and pauses
 * them when the window is spent. Windows are fixed and aligned to UTC hours or days, as upstream plans count.
 */
@Stateless
public class UpstreamBudgets {

    /** A budget as declared: {@code requests} per {@code window}. */
    public record Budget(long requests, Duration window) {

        static Optional<Budget> of(WidgetIntegration integration) {
            var json = integration.budget();
            if (!(json.get("requests") instanceof JsonNumber requests) || !(json.get("per") instanceof JsonString per)) {
                return Optional.empty();
            }
            return Optional.of(new Budget(requests.longValue(), per.getString().equals("day") ? Duration.ofDays(1) : Duration.ofHours(1)));
        }

        Instant windowStart(Instant now) {
            return now.truncatedTo(window.equals(Duration.ofDays(1)) ? ChronoUnit.DAYS : ChronoUnit.HOURS);
        }

        Instant windowEnd(Instant now) {
            return windowStart(now).plus(window);
        }
    }

    /** What a credential set has spent in the current window. */
    public record Usage(long used, long remaining, Instant windowEnd) {

        public boolean exhausted() {
            return remaining <= 0;
        }

        public long secondsUntilReset(Instant now) {
            return Math.max(1, Duration.between(now, windowEnd).toSeconds() + 1);
        }
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Alerts alerts;

    @Resource
    SessionContext self;

    public static String credentialSet(WidgetIntegration integration, String organizationId, String widgetConfigId) {
        return integration.credentialScope() == CredentialScope.ORGANIZATION
                ? integration.id() + ":org:" + organizationId
                : integration.id() + ":cfg:" + widgetConfigId;
    }

    /**
     * Spends one request of the set's budget, in a transaction of its own: a request that went upstream
     * counts even if the pull then fails. False when the window is spent (and "budget.exhausted" opens).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean trySpend(WidgetIntegration integration, String organizationId, String widgetConfigId) {
        Optional<Budget> budget = Budget.of(integration);
        if (budget.isEmpty()) {
            return true;
        }
        Instant now = Instant.now();
        Instant window = budget.get().windowStart(now);
        String set = credentialSet(integration, organizationId, widgetConfigId);
        boolean spent = spend(set, window, budget.get().requests(), organizationId);
        if (!spent) {
            alerts.raise(organizationId, AlertType.BUDGET_EXHAUSTED, set, integration.id(),
                    integration.credentialScope() == CredentialScope.WIDGET ? widgetConfigId : null,
                    "The upstream budget of " + budget.get().requests() + " requests per " + (budget.get().window().toHours() == 24 ? "day" : "hour")
                            + " is spent until " + budget.get().windowEnd(now));
        }
        return spent;
    }

    private boolean spend(String set, Instant window, long limit, String organizationId) {
        if (update(BudgetWindow.SPEND, set, window, limit) == 1) {
            return true;
        }
        BudgetWindow stored = em.find(BudgetWindow.class, set);
        if (stored == null) {
            try {
                self.getBusinessObject(UpstreamBudgets.class).open(set, window);
                return true;
            } catch (EJBException openedMeanwhile) {
                // another instance opened the set at the same moment: its row exists now
                return update(BudgetWindow.SPEND, set, window, limit) == 1;
            }
        }
        // a new window: the first request of it resets the count (the condition makes exactly one reset win)
        if (stored.windowStart().isBefore(window) && update(BudgetWindow.RESET, set, window, limit) == 1) {
            alerts.resolve(organizationId, AlertType.BUDGET_EXHAUSTED, set);
            return true;
        }
        return update(BudgetWindow.SPEND, set, window, limit) == 1;
    }

    /** The set's first window, in a transaction of its own: two instances racing meet at the key here, not at the caller's commit. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void open(String set, Instant window) {
        em.persist(new BudgetWindow(set, window));
        em.flush();
    }

    private int update(String query, String set, Instant window, long limit) {
        var update = em.createNamedQuery(query).setParameter("set", set).setParameter("window", window);
        if (query.equals(BudgetWindow.SPEND)) {
            update.setParameter("limit", limit);
        }
        return update.executeUpdate();
    }

    /** Used and remaining requests of the set in the current window; empty when the integration has no budget. */
    public Optional<Usage> usage(WidgetIntegration integration, String organizationId, String widgetConfigId) {
        return Budget.of(integration).map(budget -> {
            Instant now = Instant.now();
            BudgetWindow stored = em.find(BudgetWindow.class, credentialSet(integration, organizationId, widgetConfigId));
            long used = stored == null || stored.windowStart().isBefore(budget.windowStart(now)) ? 0 : stored.used();
            return new Usage(used, Math.max(0, budget.requests() - used), budget.windowEnd(now));
        });
    }

    /**
     * The interval that keeps the set's pulls inside its budget when spread evenly: the window divided by
     * the requests each of the set's jobs may make, never shorter than the integration's own interval.
     */
    public Duration effectiveInterval(WidgetIntegration integration, String organizationId, Duration interval) {
        Optional<Budget> budget = Budget.of(integration);
        if (budget.isEmpty()) {
            return interval;
        }
        long jobs = integration.credentialScope() == CredentialScope.ORGANIZATION
                ? em.createQuery("SELECT COUNT(j) FROM PullJob j WHERE j.integrationId = :integration AND j.organizationId = :organization", Long.class)
                        .setParameter("integration", integration.id()).setParameter("organization", organizationId).getSingleResult()
                : 1;
        Duration spread = budget.get().window().multipliedBy(Math.max(1, jobs)).dividedBy(budget.get().requests());
        return spread.compareTo(interval) > 0 ? spread : interval;
    }

    /** Refreshes spend the budget too: refused (429) while it is spent, with the seconds until the window resets. */
    public Optional<Usage> exhausted(WidgetIntegration integration, String organizationId, String widgetConfigId) {
        Optional<Usage> spent = usage(integration, organizationId, widgetConfigId).filter(Usage::exhausted);
        spent.ifPresent(usage -> alerts.raise(organizationId, AlertType.BUDGET_EXHAUSTED, credentialSet(integration, organizationId, widgetConfigId),
                integration.id(), integration.credentialScope() == CredentialScope.WIDGET ? widgetConfigId : null,
                "The upstream request budget is spent until " + usage.windowEnd()));
        return spent;
    }

}
