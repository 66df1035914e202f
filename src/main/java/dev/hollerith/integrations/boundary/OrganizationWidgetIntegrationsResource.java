package dev.hollerith.integrations.boundary;

import dev.hollerith.integrations.control.Integrations;
import dev.hollerith.integrations.control.ManagementLimits;
import dev.hollerith.platform.boundary.Data;
import dev.hollerith.security.boundary.CurrentCaller;
import dev.hollerith.tenancy.control.Organizations;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Seed 002 "List Widget Integrations": the active integrations an organization may use with a widget. */
@Path("dashboard/organizations/{org}/widgets")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"admin", "member"})
public class OrganizationWidgetIntegrationsResource {

    @Inject
    Organizations organizations;

    @Inject
    Integrations integrations;

    @Inject
    ManagementLimits limits;

    @Inject
    CurrentCaller caller;

    @GET
    @Path("{widget}/integrations")
    public Data<List<JsonObject>> list(@PathParam("org") String organizationId, @PathParam("widget") String widgetId) {
        organizations.get(organizationId, caller.get());
        limits.integrations(organizationId);
        return Data.of(integrations.usableOfWidget(widgetId).stream().map(IntegrationViews::integration).toList());
    }
}
