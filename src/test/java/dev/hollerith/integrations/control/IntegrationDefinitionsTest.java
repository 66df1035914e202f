package dev.hollerith.integrations.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hollerith.integrations.SeedExamples;
import dev.hollerith.integrations.entity.CredentialScope;
import dev.hollerith.integrations.entity.IntegrationDefinition;
import dev.hollerith.integrations.entity.IntegrationType;
import dev.hollerith.integrations.entity.WidgetIntegration;
import dev.hollerith.outbound.control.OutboundRefused;
import dev.hollerith.platform.control.ValidationFailed;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IntegrationDefinitionsTest {

    final IntegrationDefinitions definitions = new IntegrationDefinitions(10, uri -> {
        if (uri.getHost().equals("169.254.169.254")) {
            throw new OutboundRefused("URL refused: link-local");
        }
    });

    @Test
    void acceptsTheSeedExamples() {
        IntegrationDefinition weather = definitions.create("weather-widget", FieldSchemaTest.json(SeedExamples.OPENWEATHER));
        assertEquals(IntegrationType.PULL, weather.type());
        assertEquals(CredentialScope.ORGANIZATION, weather.credentialScope());
        assertEquals(1800, weather.pullIntervalSeconds());
        IntegrationDefinition facebook = definitions.create("facebook-feed", FieldSchemaTest.json(SeedExamples.FACEBOOK));
        assertEquals("/facebook", facebook.pushWebhookPath());
        assertNull(facebook.pullEndpoint());
        IntegrationDefinition rss = definitions.create("rss-feed", FieldSchemaTest.json(SeedExamples.RSS));
        assertNull(rss.pullEndpoint());
        assertTrue(rss.active());
    }

    @Test
    void reportsBrokenDefinitionsPerField() {
        ValidationFailed failed = assertThrows(ValidationFailed.class, () -> definitions.create("w", FieldSchemaTest.json("""
                {"widget_id": "other", "name": "x", "integration_type": "poll", "credential_scope": "team",
                 "config_schema": {"a": {"type": "text"}}, "colour": 1}""")));
        assertEquals(Set.of("widget_id", "integration_type", "credential_scope", "config_schema.a.type", "colour"), failed.errors().keySet());
    }

    @Test
    void pullNeedsIntervalAndEndpointExceptTheRssFetcher() {
        ValidationFailed failed = assertThrows(ValidationFailed.class, () -> definitions.create("w", FieldSchemaTest.json("""
                {"name": "weather", "integration_type": "pull", "credential_scope": "organization"}""")));
        assertEquals(Set.of("pull_interval_seconds", "pull_endpoint"), failed.errors().keySet());
        ValidationFailed tooOften = assertThrows(ValidationFailed.class, () -> definitions.create("w", FieldSchemaTest.json("""
                {"name": "w", "integration_type": "both", "credential_scope": "organization", "pull_endpoint": "https://x.example",
                 "pull_interval_seconds": 1}""")));
        assertEquals(Set.of("pull_interval_seconds"), tooOften.errors().keySet());
    }

    @Test
    void checksConfigTypesEndpointsAndPlaceholders() {
        ValidationFailed failed = assertThrows(ValidationFailed.class, () -> definitions.create("w", FieldSchemaTest.json("""
                {"name": "w", "integration_type": "pull", "credential_scope": "organization",
                 "pull_endpoint": "http://169.254.169.254/latest", "pull_interval_seconds": 60,
                 "pull_config": {"timeout": "5s", "rate_limit": 0, "query": {"k": "{{credentials.api_key}}"}, "format": "xml", "headers": []}}""")));
        assertEquals(Set.of("pull_endpoint", "pull_config.timeout", "pull_config.rate_limit", "pull_config", "pull_config.format",
                "pull_config.headers"), failed.errors().keySet());
        ValidationFailed push = assertThrows(ValidationFailed.class, () -> definitions.create("w", FieldSchemaTest.json("""
                {"name": "p", "integration_type": "push", "credential_scope": "widget", "pull_interval_seconds": 60,
                 "push_config": {"verify_signature": "yes", "secret_credential": "app_secret"}}""")));
        assertEquals(Set.of("pull_interval_seconds", "push_config.verify_signature", "push_config.secret_credential"), push.errors().keySet());
        // every push_config key the webhook path reads is checked on write: a handshake field that does not exist is refused here
        ValidationFailed handshake = assertThrows(ValidationFailed.class, () -> definitions.create("w", FieldSchemaTest.json("""
                {"name": "p", "integration_type": "push", "credential_scope": "widget",
                 "credential_schema": {"app_secret": {"type": "string", "sensitive": true}},
                 "push_config": {"verify_token_credential": "verify_tokn"}}""")));
        assertEquals(Set.of("push_config.verify_token_credential"), handshake.errors().keySet());
    }

    @Test
    void patchMergesOverTheStoredDefinition() {
        WidgetIntegration stored = new WidgetIntegration(definitions.create("weather-widget", FieldSchemaTest.json(SeedExamples.OPENWEATHER)));
        IntegrationDefinition patched = definitions.patch(stored, FieldSchemaTest.json("{\"pull_interval_seconds\": 600, \"is_active\": false, \"description\": null}"));
        assertEquals(600, patched.pullIntervalSeconds());
        assertEquals("openweather", patched.name());
        assertNull(patched.description());
        assertEquals(false, patched.active());
        assertEquals(stored.credentialSchema(), patched.credentialSchema());
    }
}
