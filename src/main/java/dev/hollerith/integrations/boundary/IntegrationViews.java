package dev.hollerith.integrations.boundary;

import dev.hollerith.integrations.control.CredentialCheck;
import dev.hollerith.integrations.entity.Credential;
import dev.hollerith.integrations.entity.WidgetIntegration;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The JSON shapes of seed 002, built member by member: the seed's names ({@code is_active},
 * {@code is_valid}) are not what JSON-B would derive from Java accessors, and absent members are
 * left out rather than sent as null.
 */
public final class IntegrationViews {

    private IntegrationViews() {
    }

    public static JsonObject integration(WidgetIntegration i) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("id", i.id())
                .add("widget_id", i.widgetId())
                .add("name", i.name());
        if (i.description() != null) {
            json.add("description", i.description());
        }
        json.add("integration_type", i.type().wireName())
                .add("credential_scope", i.credentialScope().wireName())
                .add("credential_schema", i.credentialSchema())
                .add("config_schema", i.configSchema());
        if (i.supportsPull()) {
            if (i.pullEndpoint() != null) {
                json.add("pull_endpoint", i.pullEndpoint());
            }
            json.add("pull_interval_seconds", i.pullIntervalSeconds()).add("pull_config", i.pullConfig());
        }
        if (i.supportsPush()) {
            if (i.pushWebhookPath() != null) {
                json.add("push_webhook_path", i.pushWebhookPath());
            }
            json.add("push_config", i.pushConfig());
        }
        if (!i.dataSchema().isEmpty()) {
            json.add("data_schema", i.dataSchema());
        }
        if (!i.budget().isEmpty()) {
            json.add("budget", i.budget());
        }
        return json.add("is_active", i.isActive())
                .add("created_at", time(i.createdAt()))
                .add("updated_at", time(i.updatedAt()))
                .build();
    }

    /** Never the fields themselves: only the metadata that seed 002 allows to be shown. */
    public static JsonObject credential(Credential c) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("id", c.id())
                .add("widget_integration_id", c.integrationId());
        if (c.widgetConfigId() == null) {
            json.add("organization_id", c.organizationId());
        } else {
            json.add("widget_config_id", c.widgetConfigId());
        }
        json.add("metadata", c.metadata());
        // seed 002's shape always has validated_at; null says "never tested" (saving is not a test)
        if (c.validatedAt() != null) {
            json.add("validated_at", time(c.validatedAt()));
        } else {
            json.addNull("validated_at");
        }
        return json.add("is_valid", c.isValid()).build();
    }

    public static JsonObject testResult(CredentialCheck.Result result) {
        JsonObjectBuilder json = Json.createObjectBuilder().add("success", result.success()).add("message", result.message());
        if (result.validatedAt() != null) {
            json.add("validated_at", time(result.validatedAt()));
        }
        return json.build();
    }

    public static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
