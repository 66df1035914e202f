package dev.hollerith.punchcard.boundary;

import dev.hollerith.platform.boundary.Data;
import dev.hollerith.platform.control.FieldErrors;
import dev.hollerith.punchcard.control.MessageApi;
import dev.hollerith.punchcard.control.PunchCardDisplay;
import dev.hollerith.punchcard.control.PunchMessages;
import dev.hollerith.security.boundary.CurrentCaller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Starting and stopping the punch-card message API from the application (admin). The display itself keeps running. */
@Path("dashboard/punchcard/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class PunchcardApiResource {

    /** Read as a JSON value: JSON-B would turn any string (even "maybe") into a Boolean false and stop the API. */
    public record Switch(JsonValue enabled) {
        boolean validated() {
            if (enabled == null || (enabled != JsonValue.TRUE && enabled != JsonValue.FALSE)) {
                new FieldErrors().add("enabled", "is required: true or false").throwIfAny();
            }
            return enabled == JsonValue.TRUE;
        }
    }

    @Inject
    MessageApi api;

    @Inject
    PunchMessages messages;

    @Inject
    PunchCardDisplay display;

    @Inject
    CurrentCaller caller;

    @PUT
    public Data<StatusView> change(Switch body) {
        api.switchTo(FieldErrors.requireBody(body).validated(), caller.get().id());
        return status();
    }

    @GET
    public Data<StatusView> status() {
        return Data.of(StatusView.of(api.isRunning(), display.status(), display.hardware(), display.queueLength(), messages.count(), caller.get()));
    }
}
