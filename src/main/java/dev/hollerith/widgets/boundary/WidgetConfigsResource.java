package dev.hollerith.widgets.boundary;

import dev.hollerith.platform.boundary.Data;
import dev.hollerith.platform.control.FieldErrors;
import dev.hollerith.security.boundary.CurrentCaller;
import dev.hollerith.widgets.control.WidgetConfigs;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
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
 * One widget config (API.md). Other components add their own sub-paths of {@code dashboard/widget-configs}
 * (data, refresh, events, pulls); Jersey merges resource classes of the same path.
 */
@Path("dashboard/widget-configs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WidgetConfigsResource {

    /** Either member may be left out; {@code options} replaces the options as a whole. */
    public record WidgetConfigChange(String name, JsonObject options) {
    }

    @Inject
    WidgetConfigs configs;

    @Inject
    CurrentCaller caller;

    @GET
    @Path("{id}")
    @RolesAllowed({"admin", "member"})
    public Data<WidgetConfigView> get(@PathParam("id") String id) {
        return Data.of(WidgetConfigView.of(configs.get(id, caller.get())));
    }

    @PATCH
    @Path("{id}")
    @RolesAllowed({"admin", "member"})
    public Data<WidgetConfigView> update(@PathParam("id") String id, WidgetConfigChange body) {
        WidgetConfigChange change = FieldErrors.requireBody(body);
        return Data.of(WidgetConfigView.of(configs.update(id, change.name(), change.options(), caller.get())));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({"admin", "member"})
    public Response delete(@PathParam("id") String id) {
        configs.delete(id, caller.get());
        return Response.noContent().build();
    }
}
