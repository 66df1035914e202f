package dev.hollerith.webhooks.control;

import dev.hollerith.history.control.DataHistory;
import dev.hollerith.history.control.DataQuarantined;
import dev.hollerith.history.entity.DataSource;
import dev.hollerith.integrations.entity.WidgetIntegration;
import dev.hollerith.webhooks.entity.WebhookDelivery;
import dev.hollerith.widgetdata.control.DataVersion;
import dev.hollerith.widgetdata.control.Discriminator;
import dev.hollerith.widgetdata.control.WidgetDataStore;
import dev.hollerith.widgets.entity.WidgetConfig;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.json.JsonValue;
import java.util.Optional;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Stores an accepted delivery: the widget data and its log row in one transaction. REQUIRES_NEW makes
 * the commit happen when this method returns, so the "success" answer the caller builds afterwards is
 * never ahead of the database.
 */
@Stateless
public class WebhookIngest {

    @PersistenceContext
    EntityManager em;

    @EJB
    WidgetDataStore store;

    @EJB
    DataHistory history;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public DataVersion accept(WidgetIntegration integration, WidgetConfig config, JsonValue data, WebhookDelivery delivery, String replayKey) {
        DataVersion version = store.publish(integration.id(), Discriminator.of(integration, config), config.organizationId(), data, null, null,
                DataSource.WEBHOOK);
        Optional<DataQuarantined> quarantined = history.quarantinedInThisTransaction();
        em.persist(quarantined.isPresent() ? delivery.quarantine(quarantined.get().getMessage()) : delivery.accept(version.version(), replayKey));
        history.deliveredBy(delivery.id());
        // a duplicate replay key (two instances, one id, the grid split) fails here, inside the call, not at a later commit
        em.flush();
        if (quarantined.isPresent()) {
            throw quarantined.get(); // does not roll back: the quarantined version and its delivery stay on record
        }
        return version;
    }
}
