package dev.hollerith.platform;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.hollerith.clients.ClientsIT;
import dev.hollerith.testing.Api;
import dev.hollerith.testing.ApiResponse;
import dev.hollerith.testing.HollerithWar;
import dev.hollerith.testing.OwnServers;
import dev.hollerith.testing.PayaraProcess;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What an outside probe broke (issue 14), each fixed behaviour tested on a server started as in
 * production: with {@code server-config/post-boot.asadmin}. Its own server because it needs that
 * file and lower limits; it also carries {@code EXTERNAL_WIDGET_API_URL}, pointed at a fake, for
 * {@link ExternalWidgetApiUrl} (a setting no shared-server test may have, and a boot saved).
 */
@ExtendWith(OwnServers.class)
class HardeningIT {

    static final int SIGN_INS_PER_ADDRESS = 8;
    static final int PUNCH_MESSAGES_PER_ORGANIZATION = 3;

    static PayaraProcess server;
    static Api admin;
    static WireMockServer widget;

    @BeforeAll
    static void start() {
        widget = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        widget.start();
        server = new PayaraProcess()
                .property("EXTERNAL_WIDGET_API_URL", "http://127.0.0.1:" + widget.port() + "/custom/path")
                .property("hollerith.clients.notify-timeout-ms", "2000")
                .property("hollerith.ratelimit.sign-in-per-minute", Integer.toString(SIGN_INS_PER_ADDRESS))
                .property("hollerith.punchcard.rate-limit-per-minute", Integer.toString(PUNCH_MESSAGES_PER_ORGANIZATION))
                .property("hollerith.punchcard.column-delay-ms", "2")
                .property("hollerith.punchcard.hold-ms", "300")
                .asInProduction();
        server.start(Duration.ofMinutes(8));
        admin = server.api().asAdmin();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        widget.stop();
    }

    /**
     * Seed 001's first URL rule: with {@code EXTERNAL_WIDGET_API_URL} set, every notification goes
     * there, whatever the client's ha_url; the notification timeout is configurable.
     */
    @Nested
    class ExternalWidgetApiUrl {

        String createClient(Api admin, String haUrl, String token) {
            return admin.post("dashboard/clients", Json.createObjectBuilder().add("name", "Jane Roe").add("ha_url", haUrl)
                    .add("ha_token", token).build().toString()).expect(201).data().getString("id");
        }

        List<LoggedRequest> requestsFor(String clientId) {
            return widget.findAll(postRequestedFor(urlMatching(".*")).withRequestBody(matchingJsonPath("$.client_id", equalTo(clientId))));
        }

        @Test
        void configuredUrlWinsOverHaUrl() {
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
            JsonObject body = ClientsIT.parse(request.getBodyAsString());
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
            String id = createClient(admin, "https://homeassistant.example:8123", "ha-token-" + UUID.randomUUID());
            widget.stubFor(post(urlEqualTo("/custom/path")).withRequestBody(matchingJsonPath("$.client_id", equalTo(id)))
                    .willReturn(aResponse().withStatus(200).withBody("{\"success\":true}").withFixedDelay(8_000)));

            long started = System.nanoTime();
            JsonObject data = admin.put("dashboard/clients/" + id + "/external-widget", "{\"disabled\": true}").expect(200).data();
            long elapsed = Duration.ofNanos(System.nanoTime() - started).toMillis();
            assertTrue(elapsed >= 1_800 && elapsed < 5_000, "returned after " + elapsed + " ms");
            ClientsIT.assertNoAnswerWithin(data.getJsonObject("notification"), 2_000);
            String flag = ClientsIT.storedFlag(id);
            assertTrue(flag.equalsIgnoreCase("true") || flag.equals("t"), flag);
        }
    }

    // ---- item 4: container-level answers ----

    /** Polled every 50 ms from launch: before the application is deployed nobody answers, so nothing answers HTML or 5xx. */
    @Test
    void whileItStartsNoAnswerIsPayarasOwn() {
        for (String answer : server.answersWhileBooting()) {
            assertFalse(answer.contains("<html") || answer.contains("<!DOCTYPE") || answer.contains("text/html"), answer);
            assertTrue(answer.startsWith("4") && answer.endsWith("(no type) ") || answer.contains("application/json"), answer);
        }
    }

    @Test
    void webInfIsAJsonNotFound() {
        ApiResponse answer = server.api().get("WEB-INF/web.xml");
        assertEquals(404, answer.status());
        assertJsonError(answer);
    }

    @Test
    void invalidBytesInThePathAreAnEmptyOrJson400() {
        for (String path : List.of("/%00", "/dashboard/%ff", "/api/punchcard/messages/%00%ff")) {
            RawHttp.Exchange answer = RawHttp.send(server.url(), RawHttp.bytes("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
            assertEquals(400, answer.status(), path);
            assertCleanOrJson(answer);
        }
    }

    @Test
    void oversizeAndNonAsciiHeadersAreAnEmptyOrJson4xx() {
        String token = admin.signIn(HollerithWar.ADMIN_EMAIL, HollerithWar.ADMIN_PASSWORD);
        RawHttp.Exchange longTag = RawHttp.send(server.url(), RawHttp.bytes("GET /dashboard/organizations HTTP/1.1\r\nHost: x\r\n"
                + "Authorization: Bearer " + token + "\r\nIf-None-Match: \"" + "a".repeat(8192) + "\"\r\nConnection: close\r\n\r\n"));
        assertTrue(longTag.status() >= 400 && longTag.status() < 500 || longTag.status() == 200, longTag.headers());
        assertCleanOrJson(longTag);
        RawHttp.Exchange nonAscii = RawHttp.send(server.url(), ("GET /dashboard/organizations HTTP/1.1\r\nHost: x\r\n"
                + "Authorization: Bearer \u00ff\u00fe\r\nwebhook-id: caf\u00e9\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertTrue(nonAscii.status() >= 400 && nonAscii.status() < 500, nonAscii.headers());
        assertCleanOrJson(nonAscii);
    }

    @Test
    void optionsAnswersWithoutWadl() {
        for (String path : List.of("dashboard/organizations", "api/punchcard/status", "dashboard/clients")) {
            ApiResponse answer = admin.send("OPTIONS", path, null, null);
            assertTrue(answer.status() < 500, path + ": " + answer.status());
            assertFalse(answer.body().contains("wadl") || answer.body().contains("<?xml"), "WADL on OPTIONS " + path + ": " + answer.body());
            if (answer.status() >= 400) {
                assertJsonError(answer);
            }
        }
        ApiResponse wadl = admin.get("application.wadl");
        assertEquals(404, wadl.status());
        assertJsonError(wadl);
    }

    // ---- item 5: TRACE never desyncs the connection ----

    @Test
    void traceWithABodyGetsOneJsonAnswerAndNoSecond() {
        String smuggled = "GET /openapi HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        for (String path : List.of("/health", "/dashboard/organizations", "/admin/", "/metrics")) {
            RawHttp.Exchange answer = RawHttp.send(server.url(), RawHttp.bytes("TRACE " + path + " HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Length: " + smuggled.length() + "\r\n\r\n" + smuggled));
            assertEquals(List.of(405), answer.statuses(), "TRACE " + path + " answered once, nothing smuggled:\n" + answer.text());
            assertTrue(answer.body().startsWith("{\"error\""), answer.text());
            assertFalse(answer.text().contains("openapi: "), answer.text());
        }
        RawHttp.Exchange chunked = RawHttp.send(server.url(), RawHttp.bytes("TRACE /health HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(smuggled.length()) + "\r\n" + smuggled + "\r\n0\r\n\r\n"));
        assertEquals(List.of(405), chunked.statuses(), chunked.text());
    }

    @Test
    void traceNeverEchoesTheCallersHeaders() {
        RawHttp.Exchange answer = RawHttp.send(server.url(), RawHttp.bytes(
                "TRACE /admin/ HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer echo-me-not\r\nConnection: close\r\n\r\n"));
        assertEquals(405, answer.status());
        assertFalse(answer.text().contains("echo-me-not"), answer.text());
    }

    @Test
    void unknownMethodsAreAJson405() {
        RawHttp.Exchange answer = RawHttp.send(server.url(), RawHttp.bytes("PROPFIND /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
        assertEquals(405, answer.status());
        assertTrue(answer.body().startsWith("{\"error\""), answer.text());
    }

    // ---- item 4: bodies that are JSON but not an object, and bodies nested too deep ----

    @Test
    void clientChangesWithAScalarBodyAreA400() {
        String client = admin.post("dashboard/clients", "{\"name\":\"Scalar\",\"ha_url\":\"http://127.0.0.1:1\",\"ha_token\":\"t-" + UUID.randomUUID() + "\"}")
                .expect(201).data().getString("id");
        for (String body : List.of("null", "\"str\"", "123", "true", "[]")) {
            assertJsonError(admin.patch("dashboard/clients/" + client, body).expect(400));
            assertJsonError(admin.put("dashboard/clients/" + client + "/external-widget", body).expect(400));
        }
    }

    @Test
    void bodiesNestedAThousandDeepAreA400() {
        String deep = "{\"a\":".repeat(1000) + "1" + "}".repeat(1000);
        String deepInside = "{\"name\":\"x\",\"options\":" + deep + "}";
        String org = admin.createOrganization("Deep");
        String widget = "deep-" + UUID.randomUUID().toString().substring(0, 8);
        admin.post("dashboard/widgets", "{\"id\":\"" + widget + "\",\"name\":\"Deep\"}").expect(201);
        long integration = admin.post("dashboard/widgets/" + widget + "/integrations", """
                {"name": "deep", "integration_type": "push", "credential_scope": "organization",
                 "credential_schema": {"token": {"type": "string", "sensitive": true}}}""").expect(201).data().getJsonNumber("id").longValue();
        String client = admin.post("dashboard/clients", "{\"name\":\"Deep\",\"ha_url\":\"http://127.0.0.1:1\"}").expect(201).data().getString("id");
        List<ApiResponse> answers = List.of(
                admin.post("dashboard/widgets/" + widget + "/integrations", deep),
                admin.post("dashboard/widgets/" + widget + "/integrations", "{\"name\":\"n\",\"pull_config\":" + deep + "}"),
                admin.patch("dashboard/widget-integrations/" + integration, "{\"config_schema\":" + deep + "}"),
                admin.post("dashboard/organizations/" + org + "/widget-integrations/" + integration + "/credentials", "{\"credentials\":" + deep + "}"),
                admin.patch("dashboard/clients/" + client, deep),
                admin.post("dashboard/organizations", deepInside),
                admin.post("dashboard/organizations/" + org + "/widget-configs", "{\"widget_id\":\"" + widget + "\",\"name\":\"c\",\"options\":" + deep + "}"));
        for (ApiResponse answer : answers) {
            assertEquals(400, answer.status(), answer.body());
            assertTrue(answer.error().contains("nested too deep"), answer.body());
        }
    }

    // ---- item 3: punch-card messages belong to their organization ----

    @Test
    void punchCardMessagesAreReadOnlyByTheirOrganization() {
        String orgA = admin.createOrganization("Punch A");
        String orgB = admin.createOrganization("Punch B");
        Api senderA = server.api().as(admin.createKey(orgA, "punchcard"));
        Api memberA = server.api().as(admin.createKey(orgA, "member"));
        Api memberB = server.api().as(admin.createKey(orgB, "member"));
        Api senderB = server.api().as(admin.createKey(orgB, "punchcard"));
        String secretText = "ONLY FOR A " + (System.nanoTime() % 100000);
        long id = senderA.post("api/punchcard/messages", "{\"text\":\"" + secretText + "\"}").expect(201).data().getJsonNumber("id").longValue();

        assertEquals(secretText, memberA.get("api/punchcard/messages/" + id).expect(200).data().getString("text"));
        assertEquals(secretText, admin.get("api/punchcard/messages/" + id).expect(200).data().getString("text"));
        assertJsonError(memberB.get("api/punchcard/messages/" + id).expect(404));
        assertJsonError(senderB.get("api/punchcard/messages/" + id).expect(404));
        assertFalse(memberB.get("api/punchcard/messages?limit=200").expect(200).body().contains(secretText));
        assertFalse(senderB.get("api/punchcard/messages?limit=200").expect(200).body().contains(secretText));
        assertTrue(memberA.get("api/punchcard/messages?limit=200").expect(200).body().contains(secretText));
        assertTrue(admin.get("api/punchcard/messages?limit=200").expect(200).body().contains(secretText));

        await(() -> admin.get("api/punchcard/messages/current").expect(200).json().get("data") instanceof JsonObject shown
                && shown.getJsonNumber("id") != null && shown.getJsonNumber("id").longValue() == id, "A's message reaches the display");
        JsonObject seenByB = memberB.get("api/punchcard/messages/current").expect(200).json().getJsonObject("data");
        assertTrue(seenByB.getBoolean("other_organization"), seenByB.toString());
        assertFalse(seenByB.containsKey("text") || seenByB.containsKey("source") || seenByB.containsKey("id"), seenByB.toString());
        JsonObject statusForB = memberB.get("api/punchcard/status").expect(200).data();
        assertFalse(statusForB.toString().contains(secretText), statusForB.toString());
        statusForB.getJsonObject("card").getJsonArray("rows").getValuesAs(jakarta.json.JsonString.class)
                .forEach(row -> assertEquals("0".repeat(80), row.getString(), "B sees a blank card"));
        JsonObject seenByA = memberA.get("api/punchcard/messages/current").expect(200).json().getJsonObject("data");
        assertEquals(secretText, seenByA.getString("text"));
        assertNull(seenByA.get("other_organization"));
    }

    // ---- item 11: the message limit is the organization's, however many keys it has ----

    @Test
    void punchCardLimitIsPerOrganizationNotPerKey() {
        String org = admin.createOrganization("Punch limit");
        Api first = server.api().as(admin.createKey(org, "punchcard"));
        for (int i = 0; i < PUNCH_MESSAGES_PER_ORGANIZATION; i++) {
            first.post("api/punchcard/messages", "{\"text\":\"LIMIT " + i + "\"}").expect(201);
        }
        Api minted = server.api().as(admin.createKey(org, "punchcard"));
        ApiResponse refused = minted.post("api/punchcard/messages", "{\"text\":\"ONE MORE\"}").expect(429);
        assertTrue(refused.header("Retry-After").isPresent());
        assertJsonError(refused);
        String other = admin.createOrganization("Punch other");
        server.api().as(admin.createKey(other, "punchcard")).post("api/punchcard/messages", "{\"text\":\"OTHER ORG\"}").expect(201);
    }

    // ---- item 7: a guesser at one address does not lock the owner out at another ----

    @Test
    void wrongPasswordsFromOneAddressDoNotLockOutTheOwnerElsewhere() {
        String org = admin.createOrganization("Lockout");
        String email = "owner-" + UUID.randomUUID() + "@example.com";
        String password = "the-owners-password-1";
        admin.post("dashboard/organizations/" + org + "/users", Json.createObjectBuilder().add("email", email).add("password", password).build().toString())
                .expect(201);
        String wrong = Json.createObjectBuilder().add("email", email).add("password", "guess").build().toString();
        for (int i = 0; i < SIGN_INS_PER_ADDRESS; i++) {
            assertEquals(401, signIn("127.0.0.1", wrong).status());
        }
        RawHttp.Exchange refused = signIn("127.0.0.1", wrong);
        assertEquals(429, refused.status(), refused.text());
        assertTrue(refused.headers().toLowerCase().contains("retry-after"), refused.headers());
        String right = Json.createObjectBuilder().add("email", email).add("password", password).build().toString();
        assertEquals(429, signIn("127.0.0.1", right).status(), "the guesser's address stays limited");
        RawHttp.Exchange owner = signIn("127.0.0.2", right);
        assertEquals(201, owner.status(), "the owner at another address signs in: " + owner.text());
        assertTrue(owner.body().contains("\"token\""), owner.body());
    }

    private static RawHttp.Exchange signIn(String sourceAddress, String json) {
        byte[] body = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return RawHttp.send(server.url(), sourceAddress, RawHttp.bytes("POST /dashboard/sessions HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n" + json));
    }

    // ---- item 9: metrics need the admin role ----

    @Test
    void metricsNeedTheAdminRole() {
        ApiResponse anonymous = server.api().get("metrics");
        assertEquals(401, anonymous.status());
        assertJsonError(anonymous);
        assertFalse(anonymous.body().contains("# TYPE"));
        String org = admin.createOrganization("Metrics");
        ApiResponse member = server.api().as(admin.createKey(org, "member")).get("metrics");
        assertEquals(403, member.status());
        assertJsonError(member);
        ApiResponse allowed = admin.get("metrics");
        assertEquals(200, allowed.status(), allowed.body());
        assertTrue(allowed.body().contains("# TYPE"), allowed.body());
    }

    // ---- helpers ----

    static void assertJsonError(ApiResponse answer) {
        assertTrue(answer.header("Content-Type").orElse("").startsWith("application/json"), answer.status() + " " + answer.body());
        assertFalse(answer.error().isBlank(), answer.body());
    }

    private static void assertCleanOrJson(RawHttp.Exchange answer) {
        String body = answer.body();
        assertFalse(body.contains("<html") || body.contains("<!DOCTYPE"), answer.text());
        assertTrue(body.isEmpty() || body.startsWith("{\"error\""), answer.text());
    }

    private static void await(BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(e);
            }
        }
        fail("Timed out: " + what);
    }
}
