package dev.hollerith.widgetdata.boundary;

import dev.hollerith.platform.control.UnknownResource;
import dev.hollerith.security.boundary.CurrentCaller;
import dev.hollerith.widgetdata.control.DataBinding;
import dev.hollerith.widgetdata.control.DataListeners;
import dev.hollerith.widgetdata.control.DataVersions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.OptionalLong;

/**
 * Server-sent events instead of polling: one event per new version ({@code id:} = version, data =
 * the JSON of the data endpoint). A reconnecting client sends {@code Last-Event-ID} and gets the
 * current version at once if it is newer, so nothing is missed; a first connect gets it too.
 */
@Path("dashboard/widget-configs/{id}/events")
@RolesAllowed({"admin", "member", "player"})
@ApplicationScoped
public class WidgetDataEventsResource {

    @Inject
    DataVersions versions;

    @Inject
    DataListeners listeners;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void events(@PathParam("id") String widgetConfigId, @HeaderParam("Last-Event-ID") String lastEventId,
                       @Context SseEventSink sink, @Context Sse sse, @Context SecurityContext security) {
        DataBinding binding = WidgetDataResource.bindingFor(widgetConfigId, CurrentCaller.of(security), versions);
        if (!binding.hasData()) {
            throw new UnknownResource("No integration data found");
        }
        OptionalLong last;
        try {
            last = lastEventId == null || lastEventId.isBlank() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lastEventId.trim()));
        } catch (NumberFormatException notOurs) {
            last = OptionalLong.empty();
        }
        listeners.subscribe(binding, sink, sse, last);
    }
}
