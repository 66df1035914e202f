package dev.hollerith.webhooks.control;

import dev.hollerith.integrations.control.Credentials;
import dev.hollerith.integrations.control.Integrations;
import dev.hollerith.integrations.control.PushConfig;
import dev.hollerith.integrations.entity.WidgetIntegration;
import dev.hollerith.platform.control.InvalidRequest;
import dev.hollerith.platform.control.UnknownResource;
import dev.hollerith.widgetdata.control.Discriminator;
import dev.hollerith.widgets.control.WidgetConfigs;
import dev.hollerith.widgets.entity.WidgetConfig;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

/** Reads a webhook URL's integration, widget config and credentials in one transaction, on a cache miss. */
@Stateless
public class WebhookTargetLoader {

    static final String NO_WEBHOOKS = "This integration does not support webhooks";

    @EJB
    Integrations integrations;

    @EJB
    WidgetConfigs widgetConfigs;

    @EJB
    Credentials credentials;

    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public WebhookTarget load(long integrationId, String widgetConfigId) {
        WidgetIntegration integration = integrations.find(integrationId).filter(WidgetIntegration::isActive)
                .orElseThrow(() -> new UnknownResource("Integration not found"));
        WidgetConfig config = widgetConfigs.find(widgetConfigId).filter(c -> c.widgetId().equals(integration.widgetId()))
                .orElseThrow(() -> new UnknownResource("Widget config not found"));
        if (!integration.supportsPush()) {
            throw new InvalidRequest(NO_WEBHOOKS);
        }
        PushConfig pushConfig = PushConfig.of(integration);
        // resolved even for unsigned integrations: the Meta handshake compares its verify token with them
        return new WebhookTarget(integration.id(), config.id(), config.organizationId(), Discriminator.of(integration, config), pushConfig,
                credentials.resolve(integration, config).orElse(null));
    }
}
