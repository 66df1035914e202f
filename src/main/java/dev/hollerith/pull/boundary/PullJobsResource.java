package dev.hollerith.pull.boundary;

import dev.hollerith.integrations.control.Integrations;
import dev.hollerith.integrations.entity.WidgetIntegration;
import dev.hollerith.platform.boundary.Data;
import dev.hollerith.platform.boundary.Paging;
import dev.hollerith.platform.control.UnknownResource;
import dev.hollerith.pull.control.PullJobs;
import dev.hollerith.pull.control.PullSettings;
import dev.hollerith.pull.control.UpstreamBudgets;
import dev.hollerith.pull.entity.PullJob;
import dev.hollerith.security.boundary.CurrentCaller;
import dev.hollerith.security.control.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Pull health of an integration for the console: one row per shared pull (members see their organization's). */
@Path("dashboard/widget-integrations/{id}/pull-jobs")
@RolesAllowed({"admin", "member"})
public class PullJobsResource {

    public record PullJobView(String id, long integrationId, String discriminator, String widgetConfigId, String organizationId,
                              Instant nextRunAt, Instant lastRunAt, int failures, String lastError, boolean running,
                              Long lastLatenessMs, String state, Long budgetUsed, Long budgetRemaining, long effectiveIntervalSeconds) {
        static PullJobView of(PullJob job, Optional<UpstreamBudgets.Usage> budget, Duration interval) {
            Instant now = Instant.now();
            // leased a little ahead of its due time is not running yet
            boolean running = job.leaseUntil() != null && job.leaseUntil().isAfter(now) && !job.nextRunAt().isAfter(now);
            String state = budget.filter(UpstreamBudgets.Usage::exhausted).isPresent() ? "budget_exhausted" : running ? "running" : "scheduled";
            return new PullJobView(job.id(), job.integrationId(), job.discriminator(), job.widgetConfigId(), job.organizationId(),
                    job.nextRunAt(), job.lastRunAt(), job.failures(), job.lastError(), running, job.lastLatenessMs(), state,
                    budget.map(UpstreamBudgets.Usage::used).orElse(null), budget.map(UpstreamBudgets.Usage::remaining).orElse(null),
                    interval.toSeconds());
        }
    }

    @Inject
    CurrentCaller caller;

    @Inject
    Integrations integrations;

    @Inject
    PullJobs jobs;

    @Inject
    UpstreamBudgets budgets;

    @Inject
    PullSettings settings;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Data<List<PullJobView>> list(@PathParam("id") long integrationId, @QueryParam("limit") Integer limit,
                                        @QueryParam("offset") Integer offset) {
        Caller who = caller.get();
        WidgetIntegration integration = integrations.find(integrationId).orElseThrow(() -> new UnknownResource("Integration not found"));
        Paging paging = Paging.of(limit, offset);
        Duration interval = settings.interval(integration.pullIntervalSeconds());
        return Data.of(jobs.ofIntegration(integrationId, who.isAdmin() ? null : who.organizationId(), paging.offset(), paging.limit())
                .stream().map(job -> PullJobView.of(job, budgets.usage(integration, job.organizationId(), job.widgetConfigId()),
                        budgets.effectiveInterval(integration, job.organizationId(), interval))).toList());
    }
}
