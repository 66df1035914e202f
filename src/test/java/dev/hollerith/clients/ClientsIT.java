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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.hollerith.testing.Api;
import dev.hollerith.testing.ApiResponse;
import dev.hollerith.testing.BaseUrl;
import dev.hollerith.testing.SharedServer;
import dev.hollerith.testing.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URL;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Seed 001 over real HTTP: clients, the external-widget toggle against a real local HTTP server
 * standing in for the widget (WireMock on loopback, which the test server's outbound allowlist
 * admits), and the notification log. The {@code EXTERNAL_WIDGET_API_URL} rule needs a server
 * started with that setting: {@link ExternalWidgetApiUrlIT}.
 */
@ExtendWith(SharedServer.class)
public class ClientsIT {

    static final String WIDGET_PATH = "/api/widget/disable";
    public static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}";

    static WireMockServer widget;

    @BaseUrl
    URL base;

    Api api;
    Api admin;

    @BeforeAll
    static void startWidget() {
        widget = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        widget.start();
    }

    @AfterAll
    static void stopWidget() {
        widget.stop();
    }

    @BeforeEach
    void signIn() {
        api = new Api(base);
        admin = api.asAdmin();
    }

    // ---- small builders ----

    static String token() {
        return "ha-token-" + UUID.randomUUID();
    }

    String widgetUrl() {
        return "http://127.0.0.1:" + widget.port();
    }

    JsonObject createClient(String name, String haUrl, String haToken) {
        var body = Json.createObjectBuilder().add("name", name).add("ha_url", haUrl);
        if (haToken != null) {
            body.add("ha_token", haToken);
        }
        return admin.post("dashboard/clients", body.build().toString()).expect(201).data();
    }

    /** The widget answers for this client only, so tests sharing the fake widget do not see each other. */
    void widgetAnswers(String clientId, int status, String json) {
        widget.stubFor(post(urlMatching(".*")).withRequestBody(matchingJsonPath("$.client_id", equalTo(clientId)))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(json)));
    }

    List<LoggedRequest> requestsFor(String clientId) {
        return widget.findAll(postRequestedFor(urlMatching(".*")).withRequestBody(matchingJsonPath("$.client_id", equalTo(clientId))));
    }

    void awaitRequestFor(String clientId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
        while (requestsFor(clientId).isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "the widget was never called");
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    ApiResponse toggle(String clientId, boolean disabled) {
        return admin.put("dashboard/clients/" + clientId + "/external-widget", "{\"disabled\":" + disabled + "}");
    }

    public static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    public static String storedFlag(String clientId) {
        return TestDatabase.strings("SELECT external_widget_disabled FROM client WHERE id = ?", clientId).get(0);
    }

    /** The notification of a widget that did not answer in time: not delivered, no status, the timeout named. */
    public static void assertNoAnswerWithin(JsonObject notification, long millis) {
        assertEquals(JsonValue.FALSE, notification.get("delivered"));
        assertEquals(JsonValue.NULL, notification.get("status_code"));
        assertTrue(notification.getString("error").contains("no answer within " + millis + " ms"), notification.toString());
    }

    static boolean isTrue(String sqlBoolean) {
        return sqlBoolean.equalsIgnoreCase("true") || sqlBoolean.equals("t") || sqlBoolean.equals("1");
    }

    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    // ---- clients ----

    @Test
    void createsClientWithObjectIdAndSealsTheToken() {
        String secret = token();
        JsonObject created = createClient("John Doe", "https://homeassistant.example:8123", secret);
        String id = created.getString("id");
        assertTrue(id.matches("[0-9a-f]{24}"), id);
        long idSeconds = Long.parseLong(id.substring(0, 8), 16);
        assertTrue(Math.abs(System.currentTimeMillis() / 1000 - idSeconds) < 120, "the id starts with its creation second");
        assertEquals("John Doe", created.getString("name"));
        assertEquals("https://homeassistant.example:8123", created.getString("ha_url"));
        assertEquals(JsonValue.TRUE, created.get("has_ha_token"));
        assertEquals(JsonValue.FALSE, created.get("external_widget_disabled"));
        assertNotNull(created.getString("created_at"));
        assertNotNull(created.getString("updated_at"));
        assertFalse(created.containsKey("ha_token"));
        assertFalse(created.toString().contains(secret));

        String one = admin.get("dashboard/clients/" + id).expect(200).body();
        assertEquals(id, parse(one).getJsonObject("data").getString("id"));
        assertFalse(one.contains(secret));
        String list = admin.get("dashboard/clients?limit=200").expect(200).body();
        assertTrue(list.contains(id));
        assertFalse(list.contains(secret));

        List<String> stored = TestDatabase.strings("SELECT ha_token FROM client WHERE id = ?", id);
        assertEquals(1, stored.size());
        assertTrue(stored.get(0).startsWith("v1:"), "sealed by the envelope");
        assertFalse(stored.get(0).contains(secret), "never stored in plain text");
        assertFalse(stored.get(0).contains(secret.substring(9)));
    }

    @Test
    void clientWithoutTokenSaysSo() {
        JsonObject created = createClient("No Token", widgetUrl(), null);
        assertEquals(JsonValue.FALSE, created.get("has_ha_token"));
    }

    @Test
    void listIsPaginated() {
        for (int i = 0; i < 3; i++) {
            createClient("Paged " + i, widgetUrl(), token());
        }
        assertEquals(2, admin.get("dashboard/clients?limit=2").expect(200).dataArray().size());
        JsonArray first = admin.get("dashboard/clients?limit=1&offset=0").expect(200).dataArray();
        JsonArray second = admin.get("dashboard/clients?limit=1&offset=1").expect(200).dataArray();
        assertFalse(first.getJsonObject(0).getString("id").equals(second.getJsonObject(0).getString("id")));
        admin.get("dashboard/clients?limit=0").expect(400);
    }

    @Test
    void validationErrorsNameTheirFields() {
        JsonObject missing = admin.post("dashboard/clients", "{}").expect(422).json();
        assertEquals("Validation failed", missing.getString("error"));
        assertEquals("is required", missing.getJsonObject("errors").getJsonArray("name").getString(0));
        assertEquals("is required", missing.getJsonObject("errors").getJsonArray("ha_url").getString(0));

        for (String bad : List.of("homeassistant.local:8123", "ftp://ha.example", "file:///etc/passwd", "not a url", "http://ha.example/?a=b")) {
            JsonObject error = admin.post("dashboard/clients", Json.createObjectBuilder().add("name", "x").add("ha_url", bad).build().toString())
                    .expect(422).json();
            assertTrue(error.getJsonObject("errors").containsKey("ha_url"), bad);
        }
        JsonObject blankToken = admin.post("dashboard/clients", "{\"name\":\"x\",\"ha_url\":\"https://ha.example\",\"ha_token\":\" \"}").expect(422).json();
        assertTrue(blankToken.getJsonObject("errors").containsKey("ha_token"));
        admin.post("dashboard/clients", "{\"name\":").expect(400);
    }

    @Test
    void haUrlInRefusedSpaceIsA422WithTheGuardsReason() {
        // the test server allows 127.0.0.1 only; a LAN address needs HOLLERITH_OUTBOUND_ALLOW
        JsonObject error = admin.post("dashboard/clients", "{\"name\":\"LAN\",\"ha_url\":\"http://192.168.1.20:8123\"}").expect(422).json();
        String reason = error.getJsonObject("errors").getJsonArray("ha_url").getString(0);
        assertTrue(reason.contains("192.168.1.20") && reason.contains("HOLLERITH_OUTBOUND_ALLOW"), reason);
        admin.post("dashboard/clients", "{\"name\":\"Metadata\",\"ha_url\":\"http://169.254.169.254\"}").expect(422);

        String id = createClient("Moves", widgetUrl(), token()).getString("id");
        JsonObject patchError = admin.patch("dashboard/clients/" + id, "{\"ha_url\":\"http://10.0.0.8:8123\"}").expect(422).json();
        assertTrue(patchError.getJsonObject("errors").containsKey("ha_url"));
        assertEquals(widgetUrl(), admin.get("dashboard/clients/" + id).expect(200).data().getString("ha_url"));
    }

    @Test
    void unknownAndMalformedIdsAre404() {
        String unknown = "0123456789abcdef01234567";
        assertEquals("Client not found", admin.get("dashboard/clients/" + unknown).expect(404).error());
        admin.get("dashboard/clients/not-an-id").expect(404);
        admin.get("dashboard/clients/507F1F77BCF86CD799439011").expect(404);
        admin.patch("dashboard/clients/" + unknown, "{\"name\":\"x\"}").expect(404);
        admin.delete("dashboard/clients/" + unknown).expect(404);
        admin.put("dashboard/clients/" + unknown + "/external-widget", "{\"disabled\":true}").expect(404);
        admin.put("dashboard/clients/xyz/external-widget", "{\"disabled\":true}").expect(404);
        admin.get("dashboard/clients/" + unknown + "/notifications").expect(404);
    }

    @Test
    void patchChangesNameUrlAndTokenButNotTheFlag() {
        String first = token();
        String id = createClient("Before", widgetUrl(), first).getString("id");
        widgetAnswers(id, 200, "{\"success\":true,\"message\":\"ok\"}");

        JsonObject renamed = admin.patch("dashboard/clients/" + id, "{\"name\":\"After\",\"ha_url\":\"" + widgetUrl() + "/\"}").expect(200).data();
        assertEquals("After", renamed.getString("name"));
        assertEquals(widgetUrl() + "/", renamed.getString("ha_url"));
        assertEquals(JsonValue.TRUE, renamed.get("has_ha_token"));

        String second = token();
        String patched = admin.patch("dashboard/clients/" + id, "{\"ha_token\":\"" + second + "\"}").expect(200).body();
        assertFalse(patched.contains(second));
        toggle(id, true).expect(200);
        assertEquals(second, parse(requestsFor(id).get(0).getBodyAsString()).getString("ha_token"), "the new token is sent");
        assertEquals("After", parse(requestsFor(id).get(0).getBodyAsString()).getString("client_name"));

        assertEquals(JsonValue.FALSE, admin.patch("dashboard/clients/" + id, "{\"ha_token\":null}").expect(200).data().get("has_ha_token"));
        assertEquals(List.of(""), TestDatabase.strings("SELECT COALESCE(ha_token, '') FROM client WHERE id = ?", id));

        JsonObject flag = admin.patch("dashboard/clients/" + id, "{\"external_widget_disabled\":false}").expect(422).json();
        assertTrue(flag.getJsonObject("errors").containsKey("external_widget_disabled"));
        assertTrue(isTrue(storedFlag(id)));
        admin.patch("dashboard/clients/" + id, "{\"name\":\"\"}").expect(422);
        admin.patch("dashboard/clients/" + id, "{\"name\":5}").expect(422);
        admin.patch("dashboard/clients/" + id, "[]").expect(400);
    }

    @Test
    void deleteRemovesTheClientAndItsLog() {
        String id = createClient("Gone", widgetUrl(), token()).getString("id");
        widgetAnswers(id, 200, "{\"success\":true}");
        toggle(id, true).expect(200);
        admin.delete("dashboard/clients/" + id).expect(204);
        admin.get("dashboard/clients/" + id).expect(404);
        admin.get("dashboard/clients/" + id + "/notifications").expect(404);
        assertEquals(List.of("0"), TestDatabase.strings("SELECT COUNT(*) FROM widget_notification WHERE client_id = ?", id));
    }

    // ---- the toggle and seed 001's request ----

    @Test
    void toggleSendsTheSeedsRequestToHaUrlAndAnswersWithTheOutcome() {
        String secret = token();
        // a trailing slash must not become a double slash before the seed's path
        String id = createClient("John Doe", widgetUrl() + "/", secret).getString("id");
        widgetAnswers(id, 200, "{\"success\": true, \"message\": \"Widget disabled successfully\"}");

        ApiResponse answer = toggle(id, true).expect(200);
        assertFalse(answer.body().contains(secret), "the token is never returned");
        JsonObject data = answer.data();
        assertEquals(id, data.getString("id"));
        assertEquals(JsonValue.TRUE, data.get("external_widget_disabled"));
        JsonObject notification = data.getJsonObject("notification");
        assertEquals(JsonValue.TRUE, notification.get("delivered"));
        assertEquals(200, notification.getInt("status_code"));
        assertEquals("Widget disabled successfully", notification.getString("message"));
        assertEquals(JsonValue.NULL, notification.get("error"));

        List<LoggedRequest> sent = requestsFor(id);
        assertEquals(1, sent.size());
        LoggedRequest request = sent.get(0);
        assertEquals("POST", request.getMethod().getName());
        assertEquals(WIDGET_PATH, request.getUrl());
        assertEquals("application/json", request.getHeader("Content-Type"));
        JsonObject body = parse(request.getBodyAsString());
        assertEquals(Set.of("client_id", "client_name", "disabled", "ha_token", "timestamp"), body.keySet());
        assertEquals(JsonValue.ValueType.STRING, body.get("client_id").getValueType());
        assertEquals(id, body.getString("client_id"));
        assertEquals("John Doe", body.getString("client_name"));
        assertEquals(JsonValue.TRUE, body.get("disabled"));
        assertEquals(secret, body.getString("ha_token"), "the widget gets the decrypted token");
        String timestamp = body.getString("timestamp");
        assertTrue(timestamp.matches(TIMESTAMP), timestamp);
        LocalDateTime sentAt = LocalDateTime.parse(timestamp);
        assertTrue(Duration.between(sentAt, LocalDateTime.now(ZoneOffset.UTC)).abs().toSeconds() < 60, "UTC: " + timestamp);

        assertTrue(isTrue(storedFlag(id)));
        assertEquals(JsonValue.TRUE, admin.get("dashboard/clients/" + id).expect(200).data().get("external_widget_disabled"));

        JsonObject enabled = toggle(id, false).expect(200).data();
        assertEquals(JsonValue.FALSE, enabled.get("external_widget_disabled"));
        assertEquals(JsonValue.FALSE, parse(requestsFor(id).get(1).getBodyAsString()).get("disabled"));
        assertFalse(isTrue(storedFlag(id)));
    }

    @Test
    void togglingToTheSameStateStillNotifiesAndLogs() {
        String id = createClient("Twice", widgetUrl(), token()).getString("id");
        widgetAnswers(id, 200, "{\"success\":true,\"message\":\"Widget disabled\"}");
        toggle(id, true).expect(200);
        toggle(id, true).expect(200);
        assertEquals(2, requestsFor(id).size());
        assertEquals(2, admin.get("dashboard/clients/" + id + "/notifications").expect(200).dataArray().size());
    }

    @Test
    void toggleBodyMustSayTrueOrFalse() {
        String id = createClient("Strict", widgetUrl(), token()).getString("id");
        for (String bad : List.of("{}", "{\"disabled\":\"true\"}", "{\"disabled\":1}", "{\"disabled\":null}")) {
            JsonObject error = admin.put("dashboard/clients/" + id + "/external-widget", bad).expect(422).json();
            assertTrue(error.getJsonObject("errors").containsKey("disabled"), bad);
        }
        admin.put("dashboard/clients/" + id + "/external-widget", "[true]").expect(400);
        admin.put("dashboard/clients/" + id + "/external-widget", "{\"disabled\":").expect(400);
        assertTrue(requestsFor(id).isEmpty());
    }

    @Test
    void widgetAnswering500DoesNotUndoTheChange() {
        String id = createClient("Broken Widget", widgetUrl(), token()).getString("id");
        widgetAnswers(id, 500, "{\"success\": false, \"error\": \"Widget exploded\"}");
        JsonObject data = toggle(id, true).expect(200).data();
        assertEquals(JsonValue.TRUE, data.get("external_widget_disabled"));
        JsonObject notification = data.getJsonObject("notification");
        assertEquals(JsonValue.FALSE, notification.get("delivered"));
        assertEquals(500, notification.getInt("status_code"));
        assertEquals("Widget exploded", notification.getString("error"));
        assertTrue(isTrue(storedFlag(id)));

        JsonObject entry = admin.get("dashboard/clients/" + id + "/notifications").expect(200).dataArray().getJsonObject(0);
        assertEquals(500, entry.getInt("status_code"));
        assertEquals(JsonValue.FALSE, entry.get("delivered"));
        assertEquals(JsonValue.FALSE, entry.get("success"));
        assertEquals("Widget exploded", entry.getString("error"));
    }

    @Test
    void widgetRefusingTheTokenIsReportedNotFatal() {
        String id = createClient("Wrong Token", widgetUrl(), token()).getString("id");
        widgetAnswers(id, 401, "{\"success\": false, \"error\": \"Invalid token\"}");
        JsonObject data = toggle(id, false).expect(200).data();
        assertEquals(401, data.getJsonObject("notification").getInt("status_code"));
        assertEquals("Invalid token", data.getJsonObject("notification").getString("error"));
    }

    @Test
    void widgetEchoingTheTokenDoesNotLeakIt() {
        String secret = token();
        String id = createClient("Echo", widgetUrl(), secret).getString("id");
        widgetAnswers(id, 400, "{\"success\": false, \"error\": \"bad token " + secret + "\"}");
        String answer = toggle(id, true).expect(200).body();
        assertFalse(answer.contains(secret), answer);
        assertFalse(admin.get("dashboard/clients/" + id + "/notifications").expect(200).body().contains(secret));
    }

    @Test
    void widgetThatNeverAnswersCostsTheTimeoutAndKeepsTheChange() {
        String id = createClient("Slow Widget", widgetUrl(), token()).getString("id");
        widget.stubFor(post(urlEqualTo(WIDGET_PATH)).withRequestBody(matchingJsonPath("$.client_id", equalTo(id)))
                .willReturn(aResponse().withStatus(200).withBody("{\"success\":true}").withFixedDelay(14_000)));
        long started = System.nanoTime();
        CompletableFuture<ApiResponse> pending = CompletableFuture.supplyAsync(() -> toggle(id, true));
        awaitRequestFor(id);
        // the widget holds the request: the change must already be committed, visible to others
        assertFalse(pending.isDone());
        assertTrue(isTrue(storedFlag(id)), "committed before the widget was called");
        assertEquals(JsonValue.TRUE, admin.get("dashboard/clients/" + id).expect(200).data().get("external_widget_disabled"));
        JsonObject data = pending.join().expect(200).data();
        long elapsed = Duration.ofNanos(System.nanoTime() - started).toMillis();
        // seed 001: "will wait up to 10 seconds" (the default of hollerith.clients.notify-timeout-ms)
        assertTrue(elapsed >= 9_500 && elapsed < 13_000, "returned after " + elapsed + " ms");
        assertNoAnswerWithin(data.getJsonObject("notification"), 10_000);
        assertTrue(isTrue(storedFlag(id)), "the database changed before the widget was called");

        JsonObject entry = admin.get("dashboard/clients/" + id + "/notifications").expect(200).dataArray().getJsonObject(0);
        assertEquals(JsonValue.NULL, entry.get("status_code"));
        assertTrue(entry.getJsonNumber("duration_ms").longValue() >= 9_500);
    }

    @Test
    void widgetThatIsDownIsReportedAndTheChangeStays() throws IOException {
        String down = "http://127.0.0.1:" + closedPort();
        String id = createClient("Down Widget", down, token()).getString("id");
        long started = System.nanoTime();
        JsonObject data = toggle(id, true).expect(200).data();
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 8_000, "a refused connection fails fast");
        JsonObject notification = data.getJsonObject("notification");
        assertEquals(JsonValue.FALSE, notification.get("delivered"));
        assertEquals(JsonValue.NULL, notification.get("status_code"));
        assertTrue(notification.getString("error").startsWith("unreachable"), notification.toString());
        assertTrue(isTrue(storedFlag(id)));

        JsonObject entry = admin.get("dashboard/clients/" + id + "/notifications").expect(200).dataArray().getJsonObject(0);
        assertEquals(down + WIDGET_PATH, entry.getString("url"));
        assertTrue(entry.getString("error").startsWith("unreachable"));
    }

    // ---- the log ----

    @Test
    void notificationLogListsAttemptsNewestFirstWithoutTheToken() {
        String secret = token();
        String id = createClient("Logged", widgetUrl(), secret).getString("id");
        widgetAnswers(id, 200, "{\"success\": true, \"message\": \"Widget disabled\"}");
        toggle(id, true).expect(200);
        toggle(id, false).expect(200);

        ApiResponse log = admin.get("dashboard/clients/" + id + "/notifications").expect(200);
        assertFalse(log.body().contains(secret));
        JsonArray entries = log.dataArray();
        assertEquals(2, entries.size());
        JsonObject newest = entries.getJsonObject(0);
        JsonObject oldest = entries.getJsonObject(1);
        assertEquals(JsonValue.FALSE, newest.get("disabled"));
        assertEquals(JsonValue.TRUE, oldest.get("disabled"));
        assertTrue(newest.getString("sent_at").compareTo(oldest.getString("sent_at")) >= 0);
        assertEquals(id, newest.getString("client_id"));
        assertEquals(widgetUrl() + WIDGET_PATH, newest.getString("url"));
        assertEquals(200, newest.getInt("status_code"));
        assertEquals(JsonValue.TRUE, newest.get("delivered"));
        assertEquals(JsonValue.TRUE, newest.get("success"));
        assertEquals("Widget disabled", newest.getString("message"));
        assertEquals(JsonValue.NULL, newest.get("error"));
        assertTrue(newest.getJsonNumber("duration_ms").longValue() >= 0);
        assertFalse(newest.containsKey("ha_token"));

        JsonArray page = admin.get("dashboard/clients/" + id + "/notifications?limit=1&offset=1").expect(200).dataArray();
        assertEquals(oldest.getString("id"), page.getJsonObject(0).getString("id"));

        List<String> columns = TestDatabase.strings("SELECT url FROM widget_notification WHERE client_id = ?", id);
        assertEquals(2, columns.size());
        assertEquals(List.of("0"), TestDatabase.strings(
                "SELECT COUNT(*) FROM widget_notification WHERE client_id = ? AND (url LIKE ? OR COALESCE(message, '') LIKE ? OR COALESCE(error, '') LIKE ?)",
                id, "%" + secret + "%", "%" + secret + "%", "%" + secret + "%"));
    }

    @Test
    void openApiDocumentDescribesTheClientEndpoints() {
        String document = api.get("openapi").expect(200).body();
        assertTrue(document.contains("/dashboard/clients/{id}/external-widget"), "OpenAPI lists the toggle");
        assertTrue(document.contains("/dashboard/clients/{id}/notifications"));
    }

    // ---- roles ----

    @Test
    void everyEndpointNeedsAnAdmin() {
        String id = createClient("Guarded", widgetUrl(), token()).getString("id");
        String org = admin.createOrganization("Clients");
        Api anonymous = api.anonymous();
        for (Api caller : List.of(anonymous, api.as(admin.createKey(org, "member")), api.as(admin.createKey(org, "player")))) {
            int expected = caller == anonymous ? 401 : 403;
            caller.post("dashboard/clients", "{\"name\":\"x\",\"ha_url\":\"https://ha.example\"}").expect(expected);
            caller.get("dashboard/clients").expect(expected);
            caller.get("dashboard/clients/" + id).expect(expected);
            caller.patch("dashboard/clients/" + id, "{\"name\":\"x\"}").expect(expected);
            caller.put("dashboard/clients/" + id + "/external-widget", "{\"disabled\":true}").expect(expected);
            caller.get("dashboard/clients/" + id + "/notifications").expect(expected);
            caller.delete("dashboard/clients/" + id).expect(expected);
        }
        assertTrue(requestsFor(id).isEmpty(), "no widget was told anything");
        assertEquals("Guarded", admin.get("dashboard/clients/" + id).expect(200).data().getString("name"));
    }
}
