package dev.hollerith.clients;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.hollerith.testing.Api;
import dev.hollerith.testing.OwnServers;
import dev.hollerith.testing.PayaraProcess;
import dev.hollerith.testing.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Seed 001's first URL rule: with {@code EXTERNAL_WIDGET_API_URL} set, every notification goes
 * there, whatever the client's ha_url. Needs its own server started with that setting (a system
 * property, one of MicroProfile Config's sources), and shortens the notification timeout to show
 * that it is configurable.
 */
@ExtendWith(OwnServers.class)
class ExternalWidgetApiUrlIT {

    static WireMockServer widget;
    static PayaraProcess server;

    @BeforeAll
    static void start() {
        widget = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        widget.start();
        server = new PayaraProcess()
                .property("EXTERNAL_WIDGET_API_URL", "http://127.0.0.1:" + widget.port() + "/custom/path")
                .property("hollerith.clients.notify-timeout-ms", "2000")
                .start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        widget.stop();
    }

    static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    String createClient(Api admin, String haUrl, String token) {
        return admin.post("dashboard/clients", Json.createObjectBuilder().add("name", "Jane Roe").add("ha_url", haUrl)
                .add("ha_token", token).build().toString()).expect(201).data().getString("id");
    }

    List<LoggedRequest> requestsFor(String clientId) {
        return widget.findAll(postRequestedFor(urlMatching(".*")).withRequestBody(matchingJsonPath("$.client_id", equalTo(clientId))));
    }

    @Test
    void configuredUrlWinsOverHaUrl() {
        Api admin = server.api().asAdmin();
        String token = "ha-token-" + UUID.randomUUID();
        // ha_url points elsewhere (nothing listens there): the configured URL must be used instead
        String id = createClient(admin, "https://homeassistant.example:8123", token);
        widget.stubFor(post(urlEqualTo("/custom/path")).withRequestBody(matchingJsonPath("$.client_id", equalTo(id)))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"success\": true, \"message\": \"Widget disabled\"}")));

        JsonObject data = admin.put("dashboard/clients/" + id + "/external-widget", "{\"disabled\": true}").expect(200).data();
        assertEquals(JsonValue.TRUE, data.getJsonObject("notification").get("delivered"));
        assertEquals(200, data.getJsonObject("notification").getInt("status_code"));

        List<LoggedRequest> sent = requestsFor(id);
        assertEquals(1, sent.size());
        LoggedRequest request = sent.get(0);
        assertEquals("POST", request.getMethod().getName());
        assertEquals("/custom/path", request.getUrl());
        assertEquals("application/json", request.getHeader("Content-Type"));
        JsonObject body = parse(request.getBodyAsString());
        assertEquals(Set.of("client_id", "client_name", "disabled", "ha_token", "timestamp"), body.keySet());
        assertEquals(id, body.getString("client_id"));
        assertEquals("Jane Roe", body.getString("client_name"));
        assertEquals(JsonValue.TRUE, body.get("disabled"));
        assertEquals(token, body.getString("ha_token"));
        assertTrue(body.getString("timestamp").matches(ClientsIT.TIMESTAMP), body.getString("timestamp"));

        JsonObject entry = admin.get("dashboard/clients/" + id + "/notifications").expect(200).dataArray().getJsonObject(0);
        assertEquals("http://127.0.0.1:" + widget.port() + "/custom/path", entry.getString("url"));
        String log = server.log();
        assertTrue(log.contains("Notifying the external widget of client " + id + ": POST http://127.0.0.1:" + widget.port() + "/custom/path"), "request logged");
        assertTrue(log.contains("The external widget of client " + id + " answered HTTP 200"), "answer logged");
        assertFalse(log.contains(token), "the token never reaches the server log");
    }

    @Test
    void configuredTimeoutBoundsASilentWidget() {
        Api admin = server.api().asAdmin();
        String id = createClient(admin, "https://homeassistant.example:8123", "ha-token-" + UUID.randomUUID());
        widget.stubFor(post(urlEqualTo("/custom/path")).withRequestBody(matchingJsonPath("$.client_id", equalTo(id)))
                .willReturn(aResponse().withStatus(200).withBody("{\"success\":true}").withFixedDelay(8_000)));

        long started = System.nanoTime();
        JsonObject data = admin.put("dashboard/clients/" + id + "/external-widget", "{\"disabled\": true}").expect(200).data();
        long elapsed = Duration.ofNanos(System.nanoTime() - started).toMillis();
        assertTrue(elapsed >= 1_800 && elapsed < 5_000, "returned after " + elapsed + " ms");
        JsonObject notification = data.getJsonObject("notification");
        assertEquals(JsonValue.FALSE, notification.get("delivered"));
        assertEquals(JsonValue.NULL, notification.get("status_code"));
        assertTrue(notification.getString("error").contains("no answer within 2000 ms"), notification.toString());
        String flag = TestDatabase.strings("SELECT external_widget_disabled FROM client WHERE id = ?", id).get(0);
        assertTrue(flag.equalsIgnoreCase("true") || flag.equals("t"), flag);
    }
}
