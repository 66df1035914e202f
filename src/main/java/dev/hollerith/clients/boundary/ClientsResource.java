package dev.hollerith.clients.boundary;

import dev.hollerith.clients.control.ClientChanges;
import dev.hollerith.clients.control.Clients;
import dev.hollerith.clients.control.ExternalWidgets;
import dev.hollerith.clients.control.HomeAssistantUrl;
import dev.hollerith.clients.control.NotificationOutcome;
import dev.hollerith.clients.control.WidgetNotifications;
import dev.hollerith.clients.entity.Client;
import dev.hollerith.clients.entity.WidgetNotification;
import dev.hollerith.platform.boundary.Data;
import dev.hollerith.platform.boundary.JsonBodies;
import dev.hollerith.platform.boundary.Paging;
import dev.hollerith.platform.control.FieldErrors;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Seed 001's clients, their "Disable External Widget" toggle and its notification log. Admins only. */
@Path("dashboard/clients")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class ClientsResource {

    static final int MAX_NAME = 200;
    static final int MAX_TOKEN = 4096;

    /** The create body; the token is optional (a widget may not check it) but never blank. */
    public record NewClient(String name, String haUrl, String haToken) {
        NewClient validated() {
            FieldErrors errors = new FieldErrors().text("name", name, MAX_NAME);
            HomeAssistantUrl.problem(haUrl).ifPresent(problem -> errors.add("ha_url", problem));
            tokenProblem(haToken).ifPresent(problem -> errors.add("ha_token", problem));
            errors.throwIfAny();
            return this;
        }

        @Override
        public String toString() {
            return "NewClient[name=" + name + ", haUrl=" + haUrl + "]";
        }
    }

    /** PATCH reads raw JSON: {@code "ha_token": null} (remove) must differ from no {@code ha_token} (keep). */
    static ClientChanges changes(JsonObject body) {
        FieldErrors errors = new FieldErrors();
        Optional<String> name = Optional.empty();
        Optional<String> haUrl = Optional.empty();
        if (body.containsKey("name")) {
            String value = string(body, "name", errors);
            errors.text("name", value, MAX_NAME);
            name = Optional.ofNullable(value);
        }
        if (body.containsKey("ha_url")) {
            String value = string(body, "ha_url", errors);
            HomeAssistantUrl.problem(value).ifPresent(problem -> errors.add("ha_url", problem));
            haUrl = Optional.ofNullable(value);
        }
        String token = null;
        if (body.containsKey("ha_token") && body.get("ha_token") != JsonValue.NULL) {
            token = string(body, "ha_token", errors);
            tokenProblem(token).ifPresent(problem -> errors.add("ha_token", problem));
        }
        if (body.containsKey("external_widget_disabled")) {
            errors.add("external_widget_disabled", "is changed with PUT /dashboard/clients/{id}/external-widget, which notifies the widget");
        }
        errors.throwIfAny();
        return new ClientChanges(name, haUrl, body.containsKey("ha_token"), token);
    }

    static boolean disabledOf(JsonObject body) {
        JsonValue disabled = body.get("disabled");
        if (disabled != JsonValue.TRUE && disabled != JsonValue.FALSE) {
            new FieldErrors().add("disabled", "is required and must be true or false").throwIfAny();
        }
        return disabled == JsonValue.TRUE;
    }

    private static String string(JsonObject body, String field, FieldErrors errors) {
        JsonValue value = body.get(field);
        if (value instanceof JsonString text) {
            return text.getString();
        }
        if (value != JsonValue.NULL) {
            errors.add(field, "must be a string");
        }
        return null;
    }

    private static Optional<String> tokenProblem(String token) {
        if (token == null) {
            return Optional.empty();
        }
        if (token.isBlank()) {
            return Optional.of("must not be blank (leave it out, or send null to remove it)");
        }
        return token.length() > MAX_TOKEN ? Optional.of("must be at most " + MAX_TOKEN + " characters") : Optional.empty();
    }

    /** A client as the API shows it: whether a token is stored, never the token. */
    public record ClientView(String id, String name, String haUrl, boolean hasHaToken, boolean externalWidgetDisabled,
                             Instant createdAt, Instant updatedAt) {
        static ClientView of(Client c) {
            return new ClientView(c.id(), c.name(), c.haUrl(), c.hasHaToken(), c.externalWidgetDisabled(), c.createdAt(), c.updatedAt());
        }
    }

    /** Every member present, null included: a caller should not have to guess why {@code status_code} is missing. */
    @JsonbNillable
    public record NotificationView(boolean delivered, Integer statusCode, String message, String error) {
        static NotificationView of(NotificationOutcome o) {
            return new NotificationView(o.delivered(), o.statusCode(), o.message(), o.error());
        }
    }

    public record ToggleView(String id, String name, String haUrl, boolean hasHaToken, boolean externalWidgetDisabled,
                             Instant createdAt, Instant updatedAt, NotificationView notification) {
        static ToggleView of(ExternalWidgets.Toggled toggled) {
            Client c = toggled.client();
            return new ToggleView(c.id(), c.name(), c.haUrl(), c.hasHaToken(), c.externalWidgetDisabled(), c.createdAt(),
                    c.updatedAt(), NotificationView.of(toggled.notification()));
        }
    }

    @JsonbNillable
    public record NotificationLogView(String id, String clientId, Instant sentAt, String url, boolean disabled, boolean delivered,
                                      Integer statusCode, Boolean success, String message, String error, long durationMs) {
        static NotificationLogView of(WidgetNotification n) {
            return new NotificationLogView(n.id(), n.clientId(), n.sentAt(), n.url(), n.disabled(), n.delivered(), n.statusCode(),
                    n.success(), n.message(), n.error(), n.durationMs());
        }
    }

    @Inject
    Clients clients;

    @Inject
    ExternalWidgets externalWidgets;

    @Inject
    WidgetNotifications notifications;

    @POST
    public Response create(NewClient body) {
        NewClient valid = FieldErrors.requireBody(body).validated();
        Client created = clients.create(valid.name(), valid.haUrl(), valid.haToken());
        return Response.status(201).entity(Data.of(ClientView.of(created))).build();
    }

    @GET
    public Data<List<ClientView>> list(@QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        Paging paging = Paging.of(limit, offset);
        return Data.of(clients.page(paging.offset(), paging.limit()).stream().map(ClientView::of).toList());
    }

    @GET
    @Path("{id}")
    public Data<ClientView> get(@PathParam("id") String id) {
        return Data.of(ClientView.of(clients.get(id)));
    }

    @PATCH
    @Path("{id}")
    public Data<ClientView> update(@PathParam("id") String id, JsonValue body) {
        clients.get(id);
        return Data.of(ClientView.of(clients.update(id, changes(JsonBodies.object(body)))));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        clients.delete(id);
        return Response.noContent().build();
    }

    @PUT
    @Path("{id}/external-widget")
    public Data<ToggleView> toggleExternalWidget(@PathParam("id") String id, JsonValue body) {
        clients.get(id);
        boolean disabled = disabledOf(JsonBodies.object(body));
        return Data.of(ToggleView.of(externalWidgets.switchTo(id, disabled)));
    }

    @GET
    @Path("{id}/notifications")
    public Data<List<NotificationLogView>> notifications(@PathParam("id") String id, @QueryParam("limit") Integer limit,
                                                         @QueryParam("offset") Integer offset) {
        Paging paging = Paging.of(limit, offset);
        clients.get(id);
        return Data.of(notifications.ofClient(id, paging.offset(), paging.limit()).stream().map(NotificationLogView::of).toList());
    }
}
