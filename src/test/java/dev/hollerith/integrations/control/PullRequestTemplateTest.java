package dev.hollerith.integrations.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hollerith.integrations.entity.CredentialScope;
import dev.hollerith.integrations.entity.IntegrationDefinition;
import dev.hollerith.integrations.entity.IntegrationType;
import dev.hollerith.integrations.entity.WidgetIntegration;
import dev.hollerith.outbound.control.OutboundRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PullRequestTemplateTest {

    static final Duration FALLBACK = Duration.ofSeconds(10);

    @Test
    void fillsQueryAndHeadersAndEncodesValues() {
        PullRequestTemplate template = new PullRequestTemplate("https://api.example.com/data/2.5/weather?lang=sv",
                FieldSchemaTest.json("""
                        {"timeout": 5000, "query": {"appid": "{{credentials.api_key}}", "q": "{{ config.city }}", "units": "{{config.units}}"},
                         "headers": {"X-Token": "Bearer {{credentials.api_key}}"}}"""));
        OutboundRequest request = template.render(Map.of("api_key", "k&y=1"), Map.of("city", "Malmö C", "units", "metric"), FALLBACK);
        assertEquals("GET", request.method());
        assertEquals("https://api.example.com/data/2.5/weather?lang=sv&appid=k%26y%3D1&q=Malm%C3%B6%20C&units=metric", request.uri().toString());
        assertEquals("Bearer k&y=1", request.headers().get("X-Token"));
        assertEquals("application/json", request.headers().get("Accept"));
        assertEquals(Duration.ofMillis(5000), request.timeout());
        assertNull(request.body());
    }

    @Test
    void aLeadingPlaceholderIsABaseUrlAndLaterOnesAreEncoded() {
        PullRequestTemplate template = new PullRequestTemplate("{{config.base}}/items/{{config.id}}", null);
        OutboundRequest request = template.render(Map.of(), Map.of("base", "https://h.example", "id", "a/b?c"), FALLBACK);
        assertEquals("https://h.example/items/a%2Fb%3Fc", request.uri().toString());
        assertEquals(FALLBACK, request.timeout());
    }

    @Test
    void builtInRssFetcherReadsTheFeedUrl() {
        WidgetIntegration rss = new WidgetIntegration(new IntegrationDefinition("rss-feed", "rss", null, IntegrationType.PULL,
                CredentialScope.WIDGET, null, FieldSchemaTest.json(FieldSchemaTest.RSS), null, 300, null, null, null, true));
        PullRequestTemplate template = PullRequestTemplate.of(rss);
        assertTrue(template.isFeed());
        assertEquals(Set.of("feed_url"), template.configNames());
        OutboundRequest request = template.render(Map.of(), Map.of("feed_url", "https://news.example/rss.xml?x=1"), FALLBACK);
        assertEquals("https://news.example/rss.xml?x=1", request.uri().toString());
        assertTrue(request.headers().get("Accept").contains("application/rss+xml"));
    }

    @Test
    void postSendsTheFilledBody() {
        PullRequestTemplate template = new PullRequestTemplate("https://api.example.com/q",
                FieldSchemaTest.json("{\"method\": \"post\", \"body\": {\"key\": \"{{credentials.token}}\", \"n\": 3}}"));
        OutboundRequest request = template.render(Map.of("token", "t\"1"), Map.of(), FALLBACK);
        assertEquals("POST", request.method());
        assertEquals("{\"key\":\"t\\\"1\",\"n\":3}", new String(request.body(), StandardCharsets.UTF_8));
        assertEquals("application/json", request.headers().get("Content-Type"));
    }

    @Test
    void missingValuesAndHeaderInjectionAreRefusedWithoutShowingValues() {
        PullRequestTemplate template = new PullRequestTemplate("https://api.example.com/q",
                FieldSchemaTest.json("{\"query\": {\"appid\": \"{{credentials.api_key}}\"}, \"headers\": {\"X-A\": \"{{config.a}}\"}}"));
        var missing = assertThrows(PullRequestTemplate.Unrenderable.class, () -> template.render(Map.of(), Map.of("a", "1"), FALLBACK));
        assertEquals("Credential api_key is not set", missing.getMessage());
        var injected = assertThrows(PullRequestTemplate.Unrenderable.class,
                () -> template.render(Map.of("api_key", "k"), Map.of("a", "x\r\nEvil: secret-value"), FALLBACK));
        assertFalse(injected.getMessage().contains("secret-value"));
    }

    @Test
    void namesPlaceholdersAndFindsUnknownOnes() {
        PullRequestTemplate template = new PullRequestTemplate("https://x.example/{{config.city}}",
                FieldSchemaTest.json("{\"query\": {\"k\": \"{{credentials.api_key}}\", \"u\": \"{{config.units}}\", \"z\": \"{{env.HOME}}\"}}"));
        assertEquals(Set.of("city", "units"), template.configNames());
        assertEquals(Set.of("api_key"), template.credentialNames());
        assertEquals(Set.of("{{config.units}}", "{{env.HOME}}"), template.unknownPlaceholders(Set.of("api_key"), Set.of("city")));
    }
}
