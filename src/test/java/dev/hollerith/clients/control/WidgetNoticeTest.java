package dev.hollerith.clients.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Seed 001's request body, its URL rule and its answer, without a server. */
class WidgetNoticeTest {

    private static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    @Test
    void bodyHasExactlyTheSeedsFieldsInItsOrderAndTypes() {
        WidgetNotice notice = new WidgetNotice("507f1f77bcf86cd799439011", "John Doe", true, "eyJ0eXAi", Instant.parse("2024-01-15T10:30:00.123456789Z"));
        JsonObject body = parse(notice.toJson());
        assertEquals(List.of("client_id", "client_name", "disabled", "ha_token", "timestamp"), List.copyOf(body.keySet()));
        assertEquals("507f1f77bcf86cd799439011", body.getString("client_id"));
        assertEquals("John Doe", body.getString("client_name"));
        assertEquals(JsonValue.TRUE, body.get("disabled"));
        assertEquals("eyJ0eXAi", body.getString("ha_token"));
        assertEquals("2024-01-15T10:30:00.123456", body.getString("timestamp"));
    }

    @Test
    void timestampKeepsSixDigitsEvenOnAWholeSecond() {
        WidgetNotice notice = new WidgetNotice("507f1f77bcf86cd799439011", "n", false, "t", Instant.parse("2024-01-15T10:35:00Z"));
        assertEquals("2024-01-15T10:35:00.000000", parse(notice.toJson()).getString("timestamp"));
        assertEquals(JsonValue.FALSE, parse(notice.toJson()).get("disabled"));
    }

    @Test
    void aClientWithoutTokenSendsAnEmptyStringNotNull() {
        WidgetNotice notice = new WidgetNotice("507f1f77bcf86cd799439011", "n", true, null, Instant.now());
        assertEquals("", parse(notice.toJson()).getString("ha_token"));
    }

    @Test
    void tokenNeverShowsInToStringAndIsScrubbedFromEchoes() {
        WidgetNotice notice = new WidgetNotice("507f1f77bcf86cd799439011", "n", true, "s3cret-token", Instant.now());
        assertFalse(notice.toString().contains("s3cret-token"));
        assertEquals("bad token [ha_token]", notice.scrub("bad token s3cret-token"));
        assertNull(notice.scrub(null));
    }

    @Test
    void widgetEndpointIsHaUrlPlusSeedPathWithoutDoubleSlash() {
        assertEquals("https://homeassistant.local:8123/api/widget/disable",
                HomeAssistantUrl.widgetEndpoint("https://homeassistant.local:8123").toString());
        assertEquals("https://homeassistant.local:8123/api/widget/disable",
                HomeAssistantUrl.widgetEndpoint("https://homeassistant.local:8123//").toString());
        assertEquals("http://ha.lan/sub/api/widget/disable", HomeAssistantUrl.widgetEndpoint("http://ha.lan/sub/").toString());
    }

    @Test
    void haUrlMustBeAnAbsoluteHttpUrlWithoutQuery() {
        assertTrue(HomeAssistantUrl.problem("https://homeassistant.local:8123").isEmpty());
        assertTrue(HomeAssistantUrl.problem("http://192.168.1.20:8123/").isEmpty());
        assertEquals("is required", HomeAssistantUrl.problem(" ").orElseThrow());
        for (String bad : List.of("homeassistant.local:8123", "/api", "ftp://ha.lan", "file:///etc/passwd", "http://", "not a url", "javascript:alert(1)")) {
            assertEquals("must be an absolute http or https URL", HomeAssistantUrl.problem(bad).orElseThrow(), bad);
        }
        assertEquals("must not have a query or fragment", HomeAssistantUrl.problem("http://ha.lan/?x=1").orElseThrow());
        assertEquals("must not contain user information", HomeAssistantUrl.problem("http://u:p@ha.lan").orElseThrow());
        assertTrue(HomeAssistantUrl.problem("http://ha.lan/" + "a".repeat(3000)).isPresent());
    }

    @Test
    void readsTheWidgetsAnswerLeniently() {
        assertEquals(new WidgetAnswer(true, "Widget disabled successfully", null), WidgetAnswer.parse("{\"success\": true, \"message\": \"Widget disabled successfully\"}"));
        assertEquals(new WidgetAnswer(false, null, "Invalid token"), WidgetAnswer.parse("{\"success\": false, \"error\": \"Invalid token\"}"));
        assertEquals(new WidgetAnswer(null, null, null), WidgetAnswer.parse("<html>502 Bad Gateway</html>"));
        assertEquals(new WidgetAnswer(null, null, null), WidgetAnswer.parse(""));
        assertEquals(new WidgetAnswer(null, null, null), WidgetAnswer.parse("[1,2]"));
        assertEquals(new WidgetAnswer(null, null, null), WidgetAnswer.parse("{\"success\": \"yes\", \"message\": 5}"));
        assertEquals(WidgetAnswer.MAX_TEXT, WidgetAnswer.parse("{\"message\": \"" + "x".repeat(5000) + "\"}").message().length());
    }
}
