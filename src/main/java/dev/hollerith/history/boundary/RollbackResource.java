package dev.hollerith.history.boundary;

import dev.hollerith.history.control.ServedData;
import dev.hollerith.security.boundary.CurrentCaller;
import dev.hollerith.widgetdata.control.DataBinding;
import dev.hollerith.widgetdata.control.DataVersion;
import dev.hollerith.widgetdata.control.DataVersions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Publishes an earlier version's content as a new version: players take it like any new data. */
@Path("dashboard/widget-configs/{id}/data/rollback")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"admin", "member"})
public class RollbackResource {

    @Inject
    CurrentCaller caller;

    @Inject
    DataVersions versions;

    @Inject
    ServedData served;

    @POST
    public Response rollback(@PathParam("id") String widgetConfigId, JsonObject body) {
        long version = HistoryJson.versionOf(body);
        DataBinding binding = HistoryJson.binding(widgetConfigId, caller.get(), versions);
        DataVersion published = served.rollback(binding, binding.organizationId(), version);
        return Response.status(Response.Status.CREATED).entity(Json.createObjectBuilder().add("data", Json.createObjectBuilder()
                .add("version", published.version())
                .add("source", "rollback")
                .add("rolled_back_to", version)).build()).build();
    }
}
