package dev.hollerith.integrations.entity;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Everything an admin declares about an integration (seed 002's "Create Integration" body), already
 * validated. Schemas and configs are never null: {} stands for "none".
 */
public record IntegrationDefinition(String widgetId, String name, String description, IntegrationType type,
                                    CredentialScope credentialScope, JsonObject credentialSchema, JsonObject configSchema,
                                    String pullEndpoint, Integer pullIntervalSeconds, JsonObject pullConfig,
                                    String pushWebhookPath, JsonObject pushConfig, boolean active, JsonObject dataSchema,
                                    JsonObject budget) {

    /** Without a data_schema (issue 17): data is stored as it comes. */
    public IntegrationDefinition(String widgetId, String name, String description, IntegrationType type,
                                 CredentialScope credentialScope, JsonObject credentialSchema, JsonObject configSchema,
                                 String pullEndpoint, Integer pullIntervalSeconds, JsonObject pullConfig,
                                 String pushWebhookPath, JsonObject pushConfig, boolean active) {
        this(widgetId, name, description, type, credentialScope, credentialSchema, configSchema, pullEndpoint, pullIntervalSeconds,
                pullConfig, pushWebhookPath, pushConfig, active, null, null);
    }

    public IntegrationDefinition {
        dataSchema = orEmpty(dataSchema);
        budget = orEmpty(budget);
        credentialSchema = orEmpty(credentialSchema);
        configSchema = orEmpty(configSchema);
        pullConfig = orEmpty(pullConfig);
        pushConfig = orEmpty(pushConfig);
    }

    private static JsonObject orEmpty(JsonObject value) {
        return value == null ? JsonValue.EMPTY_JSON_OBJECT : value;
    }
}
