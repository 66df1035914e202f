package dev.hollerith.alerts.boundary;

import dev.hollerith.alerts.control.AlertRecords;
import dev.hollerith.alerts.entity.Alert;
import dev.hollerith.platform.boundary.Paging;
import dev.hollerith.platform.control.InvalidRequest;
import dev.hollerith.security.boundary.CurrentCaller;
import dev.hollerith.tenancy.control.Organizations;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.temporal.ChronoUnit;

/** An organization's alerts, newest first; {@code ?state=open} for what still needs attention. */
@Path("dashboard/organizations/{org}/alerts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"admin", "member"})
public class AlertsResource {

    @Inject
    CurrentCaller caller;

    @Inject
    Organizations organizations;

    @Inject
    AlertRecords records;

    @GET
    public JsonObject list(@PathParam("org") String organizationId, @QueryParam("state") String state,
                           @QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        organizations.get(organizationId, caller.get());
        if (state != null && !state.equals(Alert.STATE_OPEN) && !state.equals(Alert.STATE_RESOLVED)) {
            throw new InvalidRequest("state must be open or resolved");
        }
        Paging paging = Paging.of(limit, offset);
        JsonArrayBuilder alerts = Json.createArrayBuilder();
        for (Alert alert : records.of(organizationId, state, paging.offset(), paging.limit())) {
            alerts.add(view(alert));
        }
        return Json.createObjectBuilder().add("data", alerts).build();
    }

    static JsonObject view(Alert alert) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("id", alert.id())
                .add("type", alert.type())
                .add("state", alert.state());
        if (alert.widgetConfigId() != null) {
            json.add("widget_config_id", alert.widgetConfigId());
        }
        if (alert.integrationId() != null) {
            json.add("integration_id", alert.integrationId());
        }
        json.add("detail", alert.detail() == null ? "" : alert.detail())
                .add("opened_at", alert.openedAt().truncatedTo(ChronoUnit.SECONDS).toString());
        if (alert.resolvedAt() != null) {
            json.add("resolved_at", alert.resolvedAt().truncatedTo(ChronoUnit.SECONDS).toString());
        }
        return json.build();
    }
}
