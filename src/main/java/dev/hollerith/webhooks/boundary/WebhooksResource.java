package dev.hollerith.webhooks.boundary;

import dev.hollerith.ratelimit.control.Allowance;
import dev.hollerith.ratelimit.control.RateLimiter;
import dev.hollerith.webhooks.control.InboundWebhook;
import dev.hollerith.webhooks.control.Receipt;
import dev.hollerith.webhooks.control.Webhooks;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Seed 002 "Receive Webhook": public, because the sender has no Hollerith token; the integration's
 * push_config and the widget config's credentials decide instead. The body is taken as bytes, never as
 * JSON: signatures cover the exact bytes, and nothing is parsed before they are checked.
 * One instance for all requests, with everything per request as method parameters: a per-request
 * resource cost a CDI creation, field injection and reflective {@code @PathParam} resolution on every
 * delivery, about a quarter of a delivery's CPU time under load (docs/webhooks.md "What the profile showed").
 */
@Path("webhooks/widgets/{integration_id}/{widget_config_id}")
@PermitAll
@ApplicationScoped
public class WebhooksResource {

    /** Looked up once: every {@code Json.create...} call searches the class path for a provider again. */
    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    Webhooks webhooks;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    @ConfigProperty(name = "hollerith.webhooks.trust-forwarded-for", defaultValue = "false")
    boolean trustForwardedFor;

    /** No @Produces: a sender's Accept header (often text/plain or none) must never turn a delivery into a 406. */
    @POST
    public Response receive(@PathParam("integration_id") String integrationId, @PathParam("widget_config_id") String widgetConfigId,
                            @Context HttpHeaders headers, @Context HttpServletRequest request, byte[] body) {
        if (request.getAttribute(WebhookShortcut.REFUSED) instanceof RuntimeException refused) {
            // taken by the shortcut and refused there: answered here, by the one exception mapper
            if (request.getAttribute(WebhookShortcut.EARNED) instanceof Allowance earned) {
                rateLimiter.sendHeaders(earned);
            }
            throw refused;
        }
        InboundWebhook inbound = new InboundWebhook(body, headers::getHeaderString, Instant.now(), sourceAddress(request, trustForwardedFor));
        Receipt receipt = webhooks.receive(integrationId, widgetConfigId, inbound, rateLimiter::sendHeaders);
        // a re-send is still an acknowledgement (2xx: the sender stops retrying), but 202, not 200: nothing new
        // was stored, so a sender or a check that counts 200s as stored versions is not misled
        return Response.status(receipt.duplicate() ? Response.Status.ACCEPTED : Response.Status.OK).entity(answer(receipt))
                .type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** The acknowledgement's body, here and in {@link WebhookShortcut}. */
    static JsonObject answer(Receipt receipt) {
        JsonObjectBuilder answer = JSON.createObjectBuilder()
                .add("success", true)
                .add("version", receipt.version())
                .add("received_at", receipt.receivedAt().truncatedTo(ChronoUnit.SECONDS).toString());
        if (receipt.duplicate()) {
            answer.add("duplicate", true);
        }
        return answer.build();
    }

    /** Meta's subscription check; the challenge goes back as plain text, so a browser never renders it as markup. */
    @GET
    public Response verify(@PathParam("integration_id") String integrationId, @PathParam("widget_config_id") String widgetConfigId,
                           @QueryParam("hub.mode") String mode, @QueryParam("hub.verify_token") String verifyToken,
                           @QueryParam("hub.challenge") String challenge, @Context HttpServletRequest request) {
        String echo = webhooks.challenge(integrationId, widgetConfigId, mode, verifyToken, challenge, sourceAddress(request, trustForwardedFor));
        return Response.ok(echo, MediaType.TEXT_PLAIN_TYPE).header("X-Content-Type-Options", "nosniff").build();
    }

    /**
     * Behind a reverse proxy the peer is the proxy; only when the operator says a proxy is in front is
     * X-Forwarded-For believed, and then only its last entry, the one that proxy appended.
     */
    static String sourceAddress(HttpServletRequest request, boolean trustForwardedFor) {
        String forwarded = trustForwardedFor ? request.getHeader("X-Forwarded-For") : null;
        if (forwarded != null && !forwarded.isBlank()) {
            String[] hops = forwarded.split(",");
            return hops[hops.length - 1].trim();
        }
        return request.getRemoteAddr();
    }
}
