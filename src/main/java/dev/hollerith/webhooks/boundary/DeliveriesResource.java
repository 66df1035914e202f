package dev.hollerith.webhooks.boundary;

import dev.hollerith.integrations.control.Integrations;
import dev.hollerith.platform.boundary.Data;
import dev.hollerith.platform.boundary.Paging;
import dev.hollerith.platform.control.UnknownResource;
import dev.hollerith.security.boundary.CurrentCaller;
import dev.hollerith.security.control.Caller;
import dev.hollerith.webhooks.control.Deliveries;
import dev.hollerith.webhooks.entity.WebhookDelivery;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
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
