package dev.hollerith.pull.boundary;

import dev.hollerith.pull.control.Refreshes;
import dev.hollerith.security.boundary.CurrentCaller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Seed 002 "Refresh Widget Data": 202 at once, the fetch runs in the background. */
@Path("dashboard/widget-configs/{id}/refresh")
@RolesAllowed({"admin", "member"})
public class RefreshResource {

    @Inject
    CurrentCaller caller;

    @Inject
    Refreshes refreshes;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response refresh(@PathParam("id") String widgetConfigId) {
        refreshes.queue(widgetConfigId, caller.get());
        return Response.accepted(Json.createObjectBuilder()
                .add("message", "Refresh queued")
                .add("widget_config_id", widgetConfigId)
                .build()).build();
    }
}
