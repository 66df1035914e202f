package dev.hollerith.webhooks.control;

import dev.hollerith.integrations.control.PushConfig;
import java.util.Map;

/**
 * What a webhook URL (integration + widget config) resolves to, everything a delivery needs before it
 * is stored: who owns it, where its data goes, how it is verified, and the decrypted credential fields
 * ({@code credentials} null when none are stored). Kept in this instance's memory only
 * ({@link WebhookTargets}); {@link #toString()} leaves the credentials out, so no log line can hold them.
 */
public record WebhookTarget(long integrationId, String widgetConfigId, String organizationId, String discriminator,
                            PushConfig pushConfig, Map<String, String> credentials) {

    public WebhookTarget {
        credentials = credentials == null ? null : Map.copyOf(credentials);
    }

    public String budgetSubject() {
        return integrationId + "/" + widgetConfigId;
    }

    @Override
    public String toString() {
        return "WebhookTarget[integration=" + integrationId + ", widgetConfig=" + widgetConfigId + "]";
    }
}
