package dev.hollerith.punchcard.boundary;

import dev.hollerith.platform.boundary.Data;
import dev.hollerith.platform.control.FieldErrors;
import dev.hollerith.platform.control.InvalidRequest;
import dev.hollerith.platform.control.UnknownResource;
import dev.hollerith.punchcard.control.MessageApi;
import dev.hollerith.punchcard.control.PunchCardDisplay;
import dev.hollerith.punchcard.control.PunchMessages;
import dev.hollerith.punchcard.entity.PunchMessage;
import dev.hollerith.ratelimit.control.RateLimit;
import dev.hollerith.ratelimit.control.RateLimiter;
import dev.hollerith.security.boundary.CurrentCaller;
import dev.hollerith.security.control.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The punch-card message API (seed 000). Sending needs the punchcard role (or admin); reading is
 * also open to members, whose console shows the card. While an admin has stopped the API the
 * message endpoints answer 503 and only the status answers. Every read is scoped to the caller's
 * organization (admins read all): the display is shared, its messages are not.
 */
@Path("api/punchcard")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PunchcardResource {

    @Inject
    PunchMessages messages;

    @Inject
    PunchCardDisplay display;

    @Inject
    MessageApi api;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    CurrentCaller caller;

    @Context
    UriInfo uri;

    @Inject
    @ConfigProperty(name = "hollerith.punchcard.rate-limit-per-minute", defaultValue = "10")
    long ratePerMinute;

    @Inject
    @ConfigProperty(name = "hollerith.punchcard.max-length", defaultValue = "800")
    int maxLength;

    @POST
    @Path("messages")
    @RolesAllowed({"punchcard", "admin"})
    public Response send(NewMessage body) {
        api.requireRunning();
        Caller sender = caller.get();
        // per organization, not per key: a member could otherwise mint keys to multiply it
        rateLimiter.consume(RateLimit.perMinute("punchcard-messages-per-organization", ratePerMinute),
                sender.organizationId() != null ? "org:" + sender.organizationId() : "caller:" + sender.id());
        String text = FieldErrors.requireBody(body).validated(Math.min(maxLength, 10_000));
        PunchMessage stored = messages.store(text, sender);
        display.enqueue(stored.id());
        return Response.status(201).location(uri.getBaseUriBuilder().path("api/punchcard/messages/{id}").build(stored.id()))
                .entity(Data.of(MessageView.of(stored))).build();
    }

    @GET
    @Path("messages/current")
    @RolesAllowed({"punchcard", "admin", "member"})
    public CurrentMessage current() {
        api.requireRunning();
        return new CurrentMessage(MessageView.seenBy(display.status().message(), caller.get()));
    }

    /** One message, e.g. for a sender who wants to know whether it was displayed. */
    @GET
    @Path("messages/{id: [0-9]+}")
    @RolesAllowed({"punchcard", "admin", "member"})
    public Data<MessageView> message(@PathParam("id") long id) {
        api.requireRunning();
        return Data.of(MessageView.of(messages.findReadable(id, caller.get()).orElseThrow(() -> new UnknownResource("Message not found"))));
    }

    @GET
    @Path("messages")
    @RolesAllowed({"punchcard", "admin", "member"})
    public Response history(@QueryParam("limit") String limit, @QueryParam("before") String before) {
        api.requireRunning();
        int pageSize = number("limit", limit, 50, 1, 200).intValue();
        Long cursor = before == null ? null : number("before", before, 0, 1, Long.MAX_VALUE);
        List<MessageView> page = messages.newest(cursor, pageSize, caller.get()).stream().map(MessageView::of).toList();
        Response.ResponseBuilder response = Response.ok(Data.of(page));
        if (page.size() == pageSize) {
            response.link(uri.getBaseUriBuilder().path("api/punchcard/messages").queryParam("limit", pageSize)
                    .queryParam("before", page.get(page.size() - 1).id()).build(), "next");
        }
        return response.build();
    }

    @GET
    @Path("status")
    @RolesAllowed({"punchcard", "admin", "member"})
    public Data<StatusView> status() {
        return Data.of(StatusView.of(api.isRunning(), display.status(), display.hardware(), display.queueLength(), messages.countReadable(caller.get()), caller.get()));
    }

    private static Long number(String name, String value, long absent, long min, long max) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw new InvalidRequest(name + " must be an integer between " + min + " and " + max);
    }
}
