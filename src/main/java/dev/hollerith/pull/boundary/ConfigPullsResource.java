package dev.hollerith.pull.boundary;

import dev.hollerith.integrations.control.Integrations;
import dev.hollerith.integrations.entity.WidgetIntegration;
import dev.hollerith.platform.boundary.Data;
import dev.hollerith.pull.control.PullJobs;
import dev.hollerith.security.boundary.CurrentCaller;
import dev.hollerith.widgetdata.control.Discriminator;
import dev.hollerith.widgets.control.WidgetConfigs;
import dev.hollerith.widgets.entity.WidgetConfig;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/** The pulls of one widget config: one row per active pull integration of its widget, as the pull engine last left it. */
@Path("dashboard/widget-configs/{id}/pulls")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"admin", "member"})
public class ConfigPullsResource {

    @Inject
    WidgetConfigs configs;

    @Inject
    Integrations integrations;

    @Inject
    PullJobs pullJobs;

    @Inject
    CurrentCaller caller;

    @GET
    public Data<List<ConfigPullView>> pulls(@PathParam("id") String id) {
        WidgetConfig config = configs.get(id, caller.get());
        Instant now = Instant.now();
        return Data.of(integrations.activeOfWidget(config.widgetId()).stream()
                .filter(WidgetIntegration::supportsPull)
                .map(integration -> pullJobs.find(integration.id(), Discriminator.of(integration, config))
                        .map(job -> new ConfigPullView(integration.id(), integration.name(), true, job.lastRunAt(), job.nextRunAt(),
                                job.failures(), job.lastError(), job.leaseUntil() != null && job.leaseUntil().isAfter(now)))
                        .orElse(new ConfigPullView(integration.id(), integration.name(), false, null, null, 0, null, false)))
                .toList());
    }
}
