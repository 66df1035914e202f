package dev.hollerith.pull.control;

import dev.hollerith.integrations.control.Integrations;
import dev.hollerith.integrations.entity.WidgetIntegration;
import dev.hollerith.platform.control.InvalidRequest;
import dev.hollerith.platform.control.RateLimited;
import dev.hollerith.security.control.Caller;
import dev.hollerith.widgetdata.control.Discriminator;
import dev.hollerith.widgets.control.WidgetConfigs;
import dev.hollerith.widgets.entity.WidgetConfig;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

/** Seed 002 "Refresh Widget Data": the config's pull becomes due now and runs in the background. */
@Stateless
public class Refreshes {

    @EJB
    WidgetConfigs configs;

    @EJB
    Integrations integrations;

    @EJB
    PullJobs jobs;

    @EJB
    UpstreamBudgets budgets;

    @Inject
    Event<RefreshQueued> queued;

    public void queue(String widgetConfigId, Caller caller) {
        WidgetConfig config = configs.get(widgetConfigId, caller);
        WidgetIntegration integration = integrations.activeOfWidget(config.widgetId()).stream()
                .filter(PullOptions::isPullable).findFirst()
                .orElseThrow(() -> new InvalidRequest("This widget has no active pull integration to refresh"));
        budgets.exhausted(integration, config.organizationId(), config.id()).ifPresent(spent -> {
            throw new RateLimited("The upstream request budget of this integration is spent until " + spent.windowEnd(),
                    spent.secondsUntilReset(java.time.Instant.now()));
        });
        jobs.ensure(integration, config);
        String discriminator = Discriminator.of(integration, config);
        jobs.dueNow(integration.id(), discriminator);
        queued.fire(new RefreshQueued(integration.id(), discriminator));
    }
}
