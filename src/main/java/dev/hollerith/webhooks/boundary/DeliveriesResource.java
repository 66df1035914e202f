package dev.hollerith.webhooks.boundary;

import dev.hollerith.integrations.control.Integrations;
import dev.hollerith.platform.boundary.Data;
import dev.hollerith.platform.boundary.Paging;
import dev.hollerith.platform.control.UnknownResource;
import dev.hollerith.security.boundary.CurrentCaller;
import dev.hollerith.security.control.Caller;
import dev.hollerith.webhooks.control.Deliveries;
import dev.hollerith.webhooks.control.Receipt;
import dev.hollerith.webhooks.control.Webhooks;
import dev.hollerith.webhooks.entity.WebhookDelivery;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;

/**
 * The webhook delivery log of an integration, newest first. Integrations are shared by every organization
 * that uses the widget, so a member sees only its own organization's deliveries; admins see all.
 */
@Path("dashboard/widget-integrations/{id}/deliveries")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"admin", "member"})
public class DeliveriesResource {

    public record DeliveryView(long id, long integrationId, String widgetConfigId, String organizationId, Instant receivedAt,
                               String sourceAddress, int sizeBytes, String signature, String outcome, String reason,
                               Long version, String webhookId) {
        static DeliveryView of(WebhookDelivery d) {
            return new DeliveryView(d.id(), d.integrationId(), d.widgetConfigId(), d.organizationId(), d.receivedAt(),
                    d.sourceAddress(), d.sizeBytes(), d.signatureVerdict(), d.outcome(), d.reason(), d.version(), d.webhookId());
        }
    }

    @Inject
    Integrations integrations;

    @Inject
    Deliveries deliveries;

    @Inject
    Webhooks webhooks;

    @Inject
    CurrentCaller caller;

    @GET
    public Data<List<DeliveryView>> list(@PathParam("id") String integrationId, @QueryParam("limit") Integer limit,
                                         @QueryParam("offset") Integer offset) {
        Caller who = caller.get();
        Paging paging = Paging.of(limit, offset);
        long id = parse(integrationId);
        integrations.find(id).orElseThrow(DeliveriesResource::unknown);
        return Data.of(deliveries.ofIntegration(id, who.isAdmin() ? null : who.organizationId(), paging.offset(), paging.limit())
                .stream().map(DeliveryView::of).toList());
    }

    /** One delivery with what was captured of it: the payload (cut at the capture limit) and redacted headers. */
    public record DeliveryDetail(DeliveryView delivery, String payload, boolean payloadTruncated, JsonObject headers) {
    }

    public record Applied(long version, Instant receivedAt) {
    }

    @GET
    @Path("{delivery}")
    public Data<DeliveryDetail> detail(@PathParam("id") String integrationId, @PathParam("delivery") String deliveryId) {
        Caller who = caller.get();
        long id = parse(integrationId);
        WebhookDelivery delivery = deliveries.find(parse(deliveryId)).filter(d -> d.integrationId() == id)
                .filter(d -> who.canAccess(d.organizationId())).orElseThrow(() -> new UnknownResource("Delivery not found"));
        JsonObject headers = delivery.requestHeaders() == null ? JsonValue.EMPTY_JSON_OBJECT
                : Json.createReader(new StringReader(delivery.requestHeaders())).readObject();
        return Data.of(new DeliveryDetail(DeliveryView.of(delivery), delivery.payload(), delivery.payloadTruncated(), headers));
    }

    /** "Apply again": the stored payload becomes a new data version (201), logged as a delivery of its own. */
    @POST
    @Path("{delivery}/apply")
    public Response apply(@PathParam("id") String integrationId, @PathParam("delivery") String deliveryId) {
        Receipt receipt = webhooks.applyAgain(parse(integrationId), parse(deliveryId), caller.get());
        return Response.status(201).entity(Data.of(new Applied(receipt.version(), receipt.receivedAt()))).build();
    }

    private static long parse(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException notANumber) {
            throw unknown();
        }
    }

    private static UnknownResource unknown() {
        return new UnknownResource("Integration not found");
    }
}
