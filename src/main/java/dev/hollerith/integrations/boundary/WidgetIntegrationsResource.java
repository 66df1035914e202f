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
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Admin changes to an integration definition (API.md). A PATCH is merged over the stored
 * definition and the result validated whole; {@code "is_active": false} withdraws it from organizations.
 */
@Path("dashboard/widget-integrations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class WidgetIntegrationsResource {

    @Inject
    Integrations integrations;

    @Inject
    ManagementLimits limits;

    @Inject
    CurrentCaller caller;

    @GET
    @Path("{id}")
    public Data<JsonObject> get(@PathParam("id") long id) {
        limits.integrations(caller.get());
        return Data.of(IntegrationViews.integration(integrations.get(id)));
    }

    @PATCH
    @Path("{id}")
    public Data<JsonObject> update(@PathParam("id") long id, JsonValue patch) {
        limits.integrations(caller.get());
        return Data.of(IntegrationViews.integration(integrations.update(id, JsonBodies.object(patch))));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        limits.integrations(caller.get());
        integrations.delete(id);
        return Response.noContent().build();
    }
}
