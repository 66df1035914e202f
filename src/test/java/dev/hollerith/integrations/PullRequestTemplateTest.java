package dev.hollerith.integrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hollerith.integrations.control.PullRequestTemplate;
import dev.hollerith.integrations.entity.CredentialScope;
import dev.hollerith.integrations.entity.IntegrationDefinition;
import dev.hollerith.integrations.entity.IntegrationType;
import dev.hollerith.integrations.entity.WidgetIntegration;
import dev.hollerith.outbound.control.OutboundRequest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PullRequestTemplateTest {

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    static WidgetIntegration pull(String name, String endpoint, String pullConfig) {
        return new WidgetIntegration(new IntegrationDefinition("w", name, null, IntegrationType.PULL, CredentialScope.ORGANIZATION,
                json("{\"api_key\":{}}"), null, endpoint, 300, pullConfig == null ? null : json(pullConfig), null, null, true));
    }

    @Test
    void fillsQueryAndHeadersPercentEncoded() {
        PullRequestTemplate template = PullRequestTemplate.of(pull("openweather", "https://api.example/data/2.5/weather",
                "{\"query\":{\"q\":\"{{config.city}}\",\"appid\":\"{{credentials.api_key}}\"},"
                        + "\"headers\":{\"X-Trace\":\"hollerith {{config.city}}\"},\"timeout\":5000,\"method\":\"get\"}"));
        OutboundRequest request = template.build(json("{\"city\":\"São Paulo&x=1\"}"), Map.of("api_key", "k 1"), Duration.ofSeconds(10));
        assertEquals("https://api.example/data/2.5/weather?q=S%C3%A3o%20Paulo%26x%3D1&appid=k%201", request.uri().toString());
        assertEquals("hollerith São Paulo&x=1", request.headers().get("X-Trace"));
        assertEquals("GET", request.method());
        assertEquals(Duration.ofMillis(5000), request.timeout());
        assertEquals(Set.of("city"), template.configNamesUsed());
        assertEquals(Set.of("api_key"), template.credentialNamesUsed());
    }

    @Test
    void placeholdersInTheEndpointCannotChangeTheHost() {
        PullRequestTemplate template = PullRequestTemplate.of(pull("x", "https://api.example/v1/{{config.path}}", null));
        OutboundRequest request = template.build(json("{\"path\":\"../@evil.example/x?y\"}"), Map.of(), Duration.ofSeconds(1));
        assertEquals("api.example", request.uri().getHost());
    }

    @Test
    void aMissingCredentialIsNamedNotGuessed() {
        PullRequestTemplate template = PullRequestTemplate.of(pull("x", "https://api.example/x",
                "{\"headers\":{\"Authorization\":\"Bearer {{credentials.token}}\"}}"));
        PullRequestTemplate.MissingCredential missing = assertThrows(PullRequestTemplate.MissingCredential.class,
                () -> template.build(json("{}"), Map.of(), Duration.ofSeconds(1)));
        assertEquals("The credential 'token' is not configured", missing.getMessage());
    }

    @Test
    void optionsAndDefaults() {
        PullRequestTemplate template = PullRequestTemplate.of(pull("x", "https://api.example/x",
                "{\"rate_limit\":60,\"data_path\":\"/main\",\"format\":\"RSS\"}"));
        assertEquals(Optional.of(60L), template.rateLimitPerMinute());
        assertEquals(Optional.of("/main"), template.dataPath());
        assertEquals("rss", template.format());
        assertEquals(Duration.ofSeconds(7), template.timeout(Duration.ofSeconds(7)));
    }

    @Test
    void theBuiltInRssFetcherReadsFeedUrl() {
        WidgetIntegration rss = new WidgetIntegration(new IntegrationDefinition("rss-feed", "rss", null, IntegrationType.PULL,
                CredentialScope.WIDGET, null, null, null, 300, null, null, null, true));
        PullRequestTemplate template = PullRequestTemplate.of(rss);
        OutboundRequest request = template.build(json("{\"feed_url\":\"https://news.example/feed.xml\",\"max_items\":5}"), Map.of(), Duration.ofSeconds(3));
        assertEquals("https://news.example/feed.xml", request.uri().toString());
        assertEquals("rss", template.format());
        assertEquals(Set.of("feed_url", "max_items"), template.configNamesUsed());
    }
}
