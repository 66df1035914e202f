package dev.hollerith.widgetdata.boundary;

import dev.hollerith.platform.control.InvalidRequest;
import dev.hollerith.platform.control.UnknownResource;
import dev.hollerith.security.boundary.CurrentCaller;
import dev.hollerith.security.control.Caller;
import dev.hollerith.widgetdata.control.DataBinding;
import dev.hollerith.widgetdata.control.DataVersions;
import dev.hollerith.widgetdata.control.RenderedData;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.OptionalLong;

/**
 * Seed 002 "Get Widget Data": players poll with the version they hold and get 304 while it is
 * current. The 304 answer comes from the near caches of {@link DataVersions} (binding and version)
 * without a grid or database round trip, the 200 answer from the bytes {@link RenderedData} keeps;
 * authorization still runs on every request (the verified-token cache makes it cheap).
 */
@Path("dashboard/widget-configs/{id}/data")
@RolesAllowed({"admin", "member", "player"})
@ApplicationScoped // one instance: nothing is created or injected per request on the players' hot path
public class WidgetDataResource {

    /** Players revalidate every time: a version may change at any moment and the poll is cheap. */
    static final String CACHE_CONTROL = "no-cache";

    @Inject
    DataVersions versions;

    @Inject
    RenderedData rendered;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response read(@PathParam("id") String widgetConfigId, @QueryParam("version") String version,
                         @HeaderParam("If-None-Match") String ifNoneMatch, @Context SecurityContext security) {
        OptionalLong held = parseVersion(version);
        DataBinding binding = bindingFor(widgetConfigId, CurrentCaller.of(security), versions);
        if (!binding.hasData()) {
            throw new UnknownResource("No integration data found");
        }
        OptionalLong current = versions.current(binding);
        if (holdsCurrent(held, ifNoneMatch, current)) {
            return Response.notModified().tag(EntityTag.of(current.getAsLong())).header("Cache-Control", CACHE_CONTROL).build();
        }
        RenderedData.Rendered body = rendered.current(binding, current.orElse(0))
                .orElseThrow(() -> new UnknownResource("No integration data found"));
        if (current.isEmpty() || body.version() > current.getAsLong()) {
            versions.advance(binding.dataKey(), body.version());
        }
        return Response.ok(body.json(), MediaType.APPLICATION_JSON_TYPE).tag(EntityTag.of(body.version()))
                .header("Cache-Control", CACHE_CONTROL).build();
    }

    /** A player holds the current version when it names it, by {@code ?version=} or {@code If-None-Match}. */
    static boolean holdsCurrent(OptionalLong held, String ifNoneMatch, OptionalLong current) {
        return current.isPresent() && (held.equals(current) || EntityTag.matches(ifNoneMatch, current.getAsLong()));
    }

    /** The config's binding if the caller may read it; another organization's config is unknown (404). */
    static DataBinding bindingFor(String widgetConfigId, Caller who, DataVersions versions) {
        DataBinding binding = versions.binding(widgetConfigId).orElseThrow(() -> new UnknownResource("Widget config not found"));
        who.requireAccess(binding.organizationId(), "Widget config");
        return binding;
    }

    static OptionalLong parseVersion(String version) {
        if (version == null || version.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(version.trim()));
        } catch (NumberFormatException e) {
            throw new InvalidRequest("version must be an integer");
        }
    }
}
