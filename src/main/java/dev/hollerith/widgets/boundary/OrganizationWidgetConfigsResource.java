package dev.hollerith.widgets.boundary;

import dev.hollerith.platform.boundary.Data;
import dev.hollerith.platform.boundary.Paging;
import dev.hollerith.platform.control.FieldErrors;
import dev.hollerith.security.boundary.CurrentCaller;
import dev.hollerith.widgets.control.WidgetConfigs;
import dev.hollerith.widgets.entity.WidgetConfig;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** An organization's widget configs (API.md): created with options validated against the widget's config schemas. */
@Path("dashboard/organizations/{org}/widget-configs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({"admin", "member"})
public class OrganizationWidgetConfigsResource {

    public record NewWidgetConfig(String widgetId, String name, JsonObject options) {
    }

    @PathParam("org")
    String organizationId;

    @Inject
    WidgetConfigs configs;

    @Inject
    CurrentCaller caller;

    @POST
    public Response create(NewWidgetConfig body) {
        NewWidgetConfig config = FieldErrors.requireBody(body);
        WidgetConfig created = configs.create(organizationId, config.widgetId(), config.name(), config.options(), caller.get());
        return Response.status(201).entity(Data.of(WidgetConfigView.of(created))).build();
    }

    @GET
    public Data<List<WidgetConfigView>> list(@QueryParam("widget_id") String widgetId,
                                             @QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        Paging paging = Paging.of(limit, offset);
        return Data.of(configs.ofOrganization(organizationId, widgetId, caller.get(), paging.offset(), paging.limit())
                .stream().map(WidgetConfigView::of).toList());
    }
}
