package dev.hollerith.history.boundary;

import dev.hollerith.history.control.ServedData;
import dev.hollerith.security.boundary.CurrentCaller;
import dev.hollerith.security.control.Caller;
import dev.hollerith.widgetdata.control.DataBinding;
import dev.hollerith.widgetdata.control.DataVersions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Holds players on one version of the data until the pin is removed; new data goes on being recorded. */
@Path("dashboard/widget-configs/{id}/data/pin")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"admin", "member"})
public class PinResource {

    @Inject
    CurrentCaller caller;

    @Inject
    DataVersions versions;

    @Inject
    ServedData served;

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject pin(@PathParam("id") String widgetConfigId, JsonObject body) {
        long version = HistoryJson.versionOf(body);
        Caller who = caller.get();
        DataBinding binding = HistoryJson.binding(widgetConfigId, who, versions);
        served.pin(binding, version, who.id());
        return Json.createObjectBuilder().add("data", Json.createObjectBuilder().add("version", version).add("pinned", true)).build();
    }

    @DELETE
    public Response unpin(@PathParam("id") String widgetConfigId) {
        served.unpin(HistoryJson.binding(widgetConfigId, caller.get(), versions));
        return Response.noContent().build();
    }
}
