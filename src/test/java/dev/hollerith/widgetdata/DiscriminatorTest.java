package dev.hollerith.widgetdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hollerith.integrations.entity.CredentialScope;
import dev.hollerith.integrations.entity.IntegrationDefinition;
import dev.hollerith.integrations.entity.IntegrationType;
import dev.hollerith.integrations.entity.WidgetIntegration;
import dev.hollerith.widgetdata.control.Discriminator;
import dev.hollerith.widgets.entity.WidgetConfig;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class DiscriminatorTest {

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    static WidgetIntegration integration(IntegrationType type, CredentialScope scope, String credentialSchema, String name,
                                         String endpoint, String pullConfig) {
        return new WidgetIntegration(new IntegrationDefinition("w", name, null, type, scope, json(credentialSchema), null,
                endpoint, 300, pullConfig == null ? null : json(pullConfig), null, null, true));
    }

    static WidgetConfig config(String org, String options) {
        return new WidgetConfig(org, "w", "c", json(options));
    }

    static final WidgetIntegration WEATHER = integration(IntegrationType.PULL, CredentialScope.ORGANIZATION,
            "{\"api_key\":{\"type\":\"string\"}}", "openweather", "https://api.example/weather",
            "{\"query\":{\"q\":\"{{config.city}}\",\"units\":\"{{config.units}}\",\"appid\":\"{{credentials.api_key}}\"}}");

    static final WidgetIntegration RSS = integration(IntegrationType.PULL, CredentialScope.WIDGET, "{}", "rss", null, null);

    @Test
    void pushIntegrationsAreNeverShared() {
        WidgetIntegration push = integration(IntegrationType.PUSH, CredentialScope.WIDGET, "{\"page_id\":{}}", "facebook", null, null);
        WidgetConfig config = config("o1", "{}");
        assertEquals("cfg:" + config.id(), Discriminator.of(push, config));
    }

    @Test
    void widgetCredentialsAreNeverShared() {
        WidgetIntegration pull = integration(IntegrationType.PULL, CredentialScope.WIDGET, "{\"token\":{}}", "x", "https://api.example/x", null);
        WidgetConfig config = config("o1", "{}");
        assertEquals("cfg:" + config.id(), Discriminator.of(pull, config));
    }

    @Test
    void organizationCredentialsAloneShareWithinTheOrganization() {
        WidgetIntegration pull = integration(IntegrationType.PULL, CredentialScope.ORGANIZATION, "{\"api_key\":{}}", "x",
                "https://api.example/x", "{\"headers\":{\"X-Key\":\"{{credentials.api_key}}\"}}");
        assertEquals("org:o1", Discriminator.of(pull, config("o1", "{\"units\":\"metric\"}")));
    }

    @Test
    void sameOptionsShareAndOtherOptionsDoNot() {
        String a = Discriminator.of(WEATHER, config("o1", "{\"city\":\"Stockholm\",\"units\":\"metric\",\"title\":\"A\"}"));
        String b = Discriminator.of(WEATHER, config("o1", "{\"units\":\"metric\",\"city\":\"Stockholm\",\"title\":\"B\"}"));
        String c = Discriminator.of(WEATHER, config("o1", "{\"city\":\"Oslo\",\"units\":\"metric\"}"));
        assertTrue(a.startsWith("opt:") && a.length() == 4 + 64);
        assertEquals(a, b, "options the request does not read (title) do not split the data");
        assertNotEquals(a, c);
    }

    @Test
    void organizationCredentialsNeverShareAcrossOrganizations() {
        String options = "{\"city\":\"Stockholm\",\"units\":\"metric\"}";
        assertNotEquals(Discriminator.of(WEATHER, config("o1", options)), Discriminator.of(WEATHER, config("o2", options)));
    }

    @Test
    void publicFeedsAreSharedAcrossOrganizationsByFeedUrlAndMaxItems() {
        String feed = "{\"feed_url\":\"https://news.example/rss\",\"max_items\":10}";
        assertEquals(Discriminator.of(RSS, config("o1", feed)), Discriminator.of(RSS, config("o2", feed)));
        assertNotEquals(Discriminator.of(RSS, config("o1", feed)),
                Discriminator.of(RSS, config("o1", "{\"feed_url\":\"https://news.example/rss\",\"max_items\":5}")));
    }
}
