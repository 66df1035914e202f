package dev.hollerith.history.boundary;

import dev.hollerith.history.control.DataHistory;
import dev.hollerith.history.control.ServedData;
import dev.hollerith.history.entity.DataRevision;
import dev.hollerith.platform.boundary.Paging;
import dev.hollerith.security.boundary.CurrentCaller;
import dev.hollerith.widgetdata.control.DataBinding;
import dev.hollerith.widgetdata.control.DataVersion;
import dev.hollerith.widgetdata.control.DataVersions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The version history of a widget config's data, newest first, and any version's content. For
 * operators (admin, or members of the config's organization); players read only the served data.
 */
@Path("dashboard/widget-configs/{id}/data/versions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"admin", "member"})
public class DataHistoryResource {

    @Inject
    CurrentCaller caller;

    @Inject
    DataVersions versions;

    @Inject
    DataHistory history;

    @Inject
    ServedData served;

    @GET
    public JsonObject list(@PathParam("id") String widgetConfigId, @QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        Paging paging = Paging.of(limit, offset);
        DataBinding binding = HistoryJson.binding(widgetConfigId, caller.get(), versions);
        long servedVersion = served.servedVersion(binding);
        JsonArrayBuilder items = Json.createArrayBuilder();
        for (DataRevision revision : history.of(binding.integrationId(), binding.discriminator(), paging.offset(), paging.limit())) {
            items.add(HistoryJson.summary(revision, servedVersion));
        }
        return Json.createObjectBuilder()
                .add("data", items)
                .add("meta", Json.createObjectBuilder()
                        .add("total", history.count(binding.integrationId(), binding.discriminator()))
                        .add("limit", paging.limit())
                        .add("offset", paging.offset())
                        .add("served_version", servedVersion)
                        .add("pinned", served.isPinned(binding)))
                .build();
    }

    /** Serves a quarantined version after all, as a new version (source release). */
    @POST
    @Path("{version}/release")
    public Response release(@PathParam("id") String widgetConfigId, @PathParam("version") String version) {
        DataBinding binding = HistoryJson.binding(widgetConfigId, caller.get(), versions);
        long released = HistoryJson.version(version);
        DataVersion published = served.release(binding, binding.organizationId(), released);
        return Response.status(Response.Status.CREATED).entity(Json.createObjectBuilder().add("data", Json.createObjectBuilder()
                .add("version", published.version())
                .add("source", "release")
                .add("released", released)).build()).build();
    }

    @GET
    @Path("{version}")
    public JsonObject get(@PathParam("id") String widgetConfigId, @PathParam("version") String version) {
        DataBinding binding = HistoryJson.binding(widgetConfigId, caller.get(), versions);
        DataRevision revision = served.revision(binding, HistoryJson.version(version));
        return Json.createObjectBuilder().add("data", HistoryJson.detail(revision, served.servedVersion(binding))).build();
    }
}
