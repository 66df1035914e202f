package dev.hollerith.integrations.boundary;

import dev.hollerith.integrations.control.Integrations;
import dev.hollerith.integrations.control.ManagementLimits;
import dev.hollerith.platform.boundary.Data;
import dev.hollerith.platform.boundary.JsonBodies;
import dev.hollerith.security.boundary.CurrentCaller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The admin's entry to a widget's integrations (seed 002 "Create Integration"), below the widget catalogue's path. */
@Path("dashboard/widgets/{widget}/integrations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class WidgetCatalogueIntegrationsResource {

    @Inject
    Integrations integrations;

    @Inject
    ManagementLimits limits;

    @Inject
    CurrentCaller caller;

    /** The example bodies of seed 002 are accepted as they are, {@code widget_id} included. */
    @POST
    public Response create(@PathParam("widget") String widgetId, JsonValue body) {
        limits.integrations(caller.get());
        var created = integrations.create(widgetId, JsonBodies.object(body));
        return Response.status(201).entity(Data.of(IntegrationViews.integration(created))).build();
    }

    /** Every integration of the widget, inactive ones included (the organization view lists active ones only). */
    @GET
    public Data<List<JsonObject>> list(@PathParam("widget") String widgetId) {
        limits.integrations(caller.get());
        return Data.of(integrations.ofWidget(widgetId).stream().map(IntegrationViews::integration).toList());
    }
}
