package dev.hollerith.alerts.boundary;

import dev.hollerith.alerts.control.AlertSettings;
import dev.hollerith.alerts.entity.AlertEndpoint;
import dev.hollerith.security.boundary.CurrentCaller;
import dev.hollerith.tenancy.control.Organizations;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.temporal.ChronoUnit;

/** Where an organization's alerts are sent; the secret is write-only. */
@Path("dashboard/organizations/{org}/alerting")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"admin", "member"})
public class AlertingResource {

    @Inject
    CurrentCaller caller;

    @Inject
    Organizations organizations;

    @Inject
    AlertSettings settings;

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject configure(@PathParam("org") String organizationId, JsonObject body) {
        organizations.get(organizationId, caller.get());
        return view(settings.configure(organizationId, body));
    }

    @GET
    public JsonObject get(@PathParam("org") String organizationId) {
        organizations.get(organizationId, caller.get());
        return view(settings.get(organizationId));
    }

    @DELETE
    public Response remove(@PathParam("org") String organizationId) {
        organizations.get(organizationId, caller.get());
        settings.remove(organizationId);
        return Response.noContent().build();
    }

    static JsonObject view(AlertEndpoint endpoint) {
        return Json.createObjectBuilder().add("data", Json.createObjectBuilder()
                .add("url", endpoint.url())
                .add("secret_set", true)
                .add("failures_before_alert", endpoint.failuresBeforeAlert())
                .add("forged_per_hour", endpoint.forgedPerHour())
                .add("updated_at", endpoint.updatedAt().truncatedTo(ChronoUnit.SECONDS).toString())).build();
    }
}
