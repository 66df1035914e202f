package dev.hollerith.widgets.boundary;

import dev.hollerith.platform.boundary.Data;
import dev.hollerith.platform.boundary.Paging;
import dev.hollerith.platform.control.FieldErrors;
import dev.hollerith.platform.control.ValidationFailed;
import dev.hollerith.widgets.control.Widgets;
import dev.hollerith.widgets.entity.Widget;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The widget catalogue (API.md); a widget's integrations are below it, in the integrations component. */
@Path("dashboard/widgets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WidgetsResource {

    public record NewWidget(String id, String name, String description, JsonObject dataSchema) {
    }

    public record WidgetView(String id, String name, String description, JsonObject dataSchema, Instant createdAt) {
        static WidgetView of(Widget w) {
            return new WidgetView(w.id(), w.name(), w.description(), w.dataSchema(), w.createdAt().truncatedTo(ChronoUnit.SECONDS));
        }
    }

    @Inject
    Widgets widgets;

    @POST
    @RolesAllowed("admin")
    public Response create(NewWidget body) {
        NewWidget widget = FieldErrors.requireBody(body);
        Widget created = widgets.create(widget.id(), widget.name(), widget.description(), widget.dataSchema());
        return Response.status(201).entity(Data.of(WidgetView.of(created))).build();
    }

    @GET
    @RolesAllowed({"admin", "member"})
    public Data<List<WidgetView>> list(@QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        Paging paging = Paging.of(limit, offset);
        return Data.of(widgets.list(paging.offset(), paging.limit()).stream().map(WidgetView::of).toList());
    }

    @GET
    @Path("{widget}")
    @RolesAllowed({"admin", "member"})
    public Data<WidgetView> get(@PathParam("widget") String id) {
        return Data.of(WidgetView.of(widgets.get(id)));
    }

    @PATCH
    @Path("{widget}")
    @RolesAllowed("admin")
    public Data<WidgetView> update(@PathParam("widget") String id, NewWidget body) {
        NewWidget change = FieldErrors.requireBody(body);
        if (change.id() != null && !change.id().equals(id)) {
            throw ValidationFailed.of("id", "cannot be changed: it is the widget's address; create a new widget instead");
        }
        return Data.of(WidgetView.of(widgets.update(id, change.name(), change.description(), change.dataSchema())));
    }

    @DELETE
    @Path("{widget}")
    @RolesAllowed("admin")
    public Response delete(@PathParam("widget") String id) {
        widgets.delete(id);
        return Response.noContent().build();
    }
}
