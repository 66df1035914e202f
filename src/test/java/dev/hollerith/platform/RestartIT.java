package dev.hollerith.platform;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.hollerith.crypto.control.MasterKey;
import dev.hollerith.testing.Api;
import dev.hollerith.testing.ApiResponse;
import dev.hollerith.testing.OwnServers;
import dev.hollerith.testing.PayaraProcess;
import dev.hollerith.testing.TestDatabase;
import dev.hollerith.webhooks.Senders;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Everything that must survive a restart, in one server lifecycle of two boots (a boot costs
 * 20–30 s): the first server starts with a new master key (the key every other test server uses
 * given as the previous one), so it re-wraps the data keys of the classes before; it stores
 * organizations, users, keys, credentials, a client's Home Assistant token, a webhook delivery and
 * queued punch-card messages, and is stopped. The second rotates back to the usual key (the first
 * one's given as the previous one), re-wraps the data keys the first made, and finds all of it;
 * with an empty data grid it still refuses the webhook's replay. That a re-wrapped data key opens
 * with the new key alone, once the previous one is forgotten, is {@code
 * crypto.control.EnvelopeRewrapTest}'s. Each boot is a test, in order; a first that fails makes the
 * second fail too.
 */
@ExtendWith(OwnServers.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestartIT {

    /** The key every other test server uses (see PayaraProcess). */
    private static final String TEST_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    private static final String NEW_KEY = "ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=";
    private static final String ORIGIN = "https://punch.example.org";

    WireMockServer upstream;
    WireMockServer widget;

    // organizations, users and keys
    String org;
    String memberKey;
    String email = "durable-" + System.nanoTime() + "@example.com";

    // credentials, which never reach an answer or a log
    String good = "good-" + UUID.randomUUID();
    String rejected = "rejected-" + UUID.randomUUID();
    String typo = "typo-" + UUID.randomUUID();
    String verifyToken = "verify-" + UUID.randomUUID();
    String signingSecret = "whsec_" + Base64.getEncoder().encodeToString(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
    List<String> secrets = List.of(good, rejected, typo, verifyToken, signingSecret);
    String credentialsOrg;
    String credentialsPath;

    // the master key rotation: a client's Home Assistant token, decrypted to notify the (fake) widget
    String haToken = "ha-token-" + UUID.randomUUID();
    String clientId;

    // the punch-card queue
    List<Long> punchIds = new ArrayList<>();
    String punchKey;

    // a Standard Webhooks delivery, whose replay the next server (an empty data grid) must still refuse
    long pushIntegration;
    String webhookPath;
    byte[] webhookBody = "{\"data\":{\"headline\":\"Once only\"}}".getBytes(StandardCharsets.UTF_8);
    List<String> webhookHeaders;

    @BeforeAll
    void startFakes() {
        upstream = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        upstream.start();
        widget = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        widget.start();
        widget.stubFor(post(urlEqualTo("/api/widget/disable")).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"success\": true, \"message\": \"ok\"}")));
    }

    @AfterAll
    void stopFakes() {
        upstream.stop();
        widget.stop();
    }

    @Test
    @Order(1)
    void theFirstServerRotatesToANewMasterKeyAndStoresEverything() {
        // punches slowly, so most messages are still waiting when it goes down
        try (PayaraProcess first = new PayaraProcess()
                .property("hollerith.master.key", NEW_KEY)
                .property("hollerith.master.key.previous", TEST_KEY)
                .property("hollerith.punchcard.column-delay-ms", "100")
                .property("hollerith.punchcard.hold-ms", "10000")
                .start()) {
            // the classes before this one left data keys wrapped by TEST_KEY (none when it runs alone)
            assertTrue(dataKeysWrappedBy().stream().allMatch(masterKeyId(NEW_KEY)::equals), "every data key re-wrapped at boot: " + dataKeysWrappedBy());
            Api admin = first.api().asAdmin();
            org = admin.createOrganization("Durable");
            memberKey = admin.createKey(org, "member");
            admin.post("dashboard/organizations/" + org + "/users", "{\"email\":\"" + email + "\",\"password\":\"long-enough-1\"}").expect(201);

            storeCredentials(first.api(), admin);
            clientId = admin.post("dashboard/clients", Json.createObjectBuilder().add("name", "Rotation")
                    .add("ha_url", "http://127.0.0.1:" + widget.port()).add("ha_token", haToken).build().toString()).expect(201).data().getString("id");
            deliverAWebhook(first.api(), admin);
            queuePunchMessages(first.api(), admin);

            long stopping = System.nanoTime();
            first.stop();
            System.out.println("RestartIT: graceful stop took " + (System.nanoTime() - stopping) / 1_000_000 + " ms");
            assertTrue(first.log().contains("Punch card"), "the display logged its start");
            logFree(first.log());
        }
        assertEquals(List.of(masterKeyId(NEW_KEY)), dataKeysWrappedBy(), "the secrets stored here have data keys wrapped by the new key");
        List<String> statusesAtStop = punchStatuses();
        assertTrue(statusesAtStop.stream().filter(s -> !s.equals("DISPLAYED")).count() >= 3,
                "most messages were still waiting at the stop: " + statusesAtStop);
    }

    @Test
    @Order(2)
    void afterARestartThatRotatesBackEverythingIsThere() {
        // TEST_KEY again: also what the test servers after this class need
        try (PayaraProcess rotated = new PayaraProcess()
                .property("hollerith.master.key.previous", NEW_KEY)
                .property("hollerith.punchcard.column-delay-ms", "1")
                .property("hollerith.punchcard.hold-ms", "50")
                .property("hollerith.punchcard.cors-origins", ORIGIN + ", https://other.example")
                // a slow boot must not turn the replay below into a delivery refused for its old timestamp
                .property("hollerith.webhooks.timestamp-tolerance-seconds", "3600")
                .start()) {
            assertEquals(List.of(masterKeyId(TEST_KEY)), dataKeysWrappedBy(), "every data key re-wrapped at boot");
            Api api = rotated.api();
            Api admin = api.asAdmin();

            assertEquals(org, api.as(memberKey).get("dashboard/organizations/" + org).expect(200).data().getString("id"));
            api.signIn(email, "long-enough-1");

            JsonObject credentialTest = credentialTest(api.as(admin.createKey(credentialsOrg, "member")));
            assertTrue(credentialTest.getBoolean("success"), credentialTest.toString());

            assertNotifiesWith(admin);
            theWebhookReplayIsRefused(api);
            queuedPunchMessagesAreDisplayedAndTheStopSurvived(api, admin);

            rotated.stop();
            logFree(rotated.log());
        }
        assertEquals(List.of(masterKeyId(TEST_KEY)), dataKeysWrappedBy());
    }

    private static List<String> dataKeysWrappedBy() {
        return TestDatabase.strings("SELECT DISTINCT master_key_id FROM data_key");
    }

    private static String masterKeyId(String key) {
        return MasterKey.fromBase64(key).id();
    }

    /** Successful, rejected, unreachable and invalid uses of credentials: none shows a secret. */
    private void storeCredentials(Api api, Api admin) {
        upstream.stubFor(get(urlPathEqualTo("/weather")).withQueryParam("appid", equalTo(good))
                .willReturn(aResponse().withStatus(200).withBody("{\"main\":{\"temp\":3.5},\"name\":\"Oslo\"}")));
        upstream.stubFor(get(urlPathEqualTo("/weather")).withQueryParam("appid", equalTo(rejected))
                .willReturn(aResponse().withStatus(401).withBody("{\"cod\":401,\"message\":\"Invalid API key.\"}")));
        String endpoint = "http://127.0.0.1:" + upstream.port() + "/weather";
        String widgetId = "secrecy-" + UUID.randomUUID().toString().substring(0, 8);
        credentialsOrg = admin.createOrganization("Secrecy");
        Api member = api.as(admin.createKey(credentialsOrg, "member"));
        admin.post("dashboard/widgets", "{\"id\":\"" + widgetId + "\",\"name\":\"Secrecy\"}").expect(201);
        long weather = admin.post("dashboard/widgets/" + widgetId + "/integrations", weatherDefinition(endpoint)).expect(201).data().getJsonNumber("id").longValue();
        long pages = admin.post("dashboard/widgets/" + widgetId + "/integrations", """
                {"name": "pages", "integration_type": "push", "credential_scope": "widget",
                 "credential_schema": {"page_id": {"type": "string"}, "webhook_verify_token": {"type": "string", "sensitive": true}}}""")
                .expect(201).data().getJsonNumber("id").longValue();
        String config = member.post("dashboard/organizations/" + credentialsOrg + "/widget-configs", "{\"widget_id\":\"" + widgetId + "\",\"name\":\"c\"}")
                .expect(201).data().getString("id");
        credentialsPath = "dashboard/organizations/" + credentialsOrg + "/widget-integrations/" + weather;

        secretFree(member.post(credentialsPath + "/credentials", "{\"credentials\":{\"api_key\":\"" + good + "\"}}").expect(201));
        assertTrue(credentialTest(member).getBoolean("success"));
        secretFree(member.put(credentialsPath + "/credentials", "{\"credentials\":{\"api_key\":\"" + rejected + "\"}}").expect(200));
        assertEquals("Upstream rejected the credentials (HTTP 401)", credentialTest(member).getString("message"));
        secretFree(member.put(credentialsPath + "/credentials", "{\"credentials\":{\"api_kee\":\"" + typo + "\"}}").expect(422));
        admin.patch("dashboard/widget-integrations/" + weather, "{\"pull_endpoint\":\"http://127.0.0.1:1/weather\"}").expect(200);
        assertTrue(credentialTest(member).getString("message").startsWith("Upstream not reachable"));
        admin.patch("dashboard/widget-integrations/" + weather, "{\"pull_endpoint\":\"" + endpoint + "\"}").expect(200);
        secretFree(member.post("dashboard/widget-configs/" + config + "/credentials", "{\"integration_id\":" + pages
                + ",\"credentials\":{\"page_id\":\"p-1\",\"webhook_verify_token\":\"" + verifyToken + "\"}}").expect(201));
        secretFree(member.get("dashboard/widget-configs/" + config + "/credentials?integration_id=" + pages).expect(200));
        secretFree(member.put(credentialsPath + "/credentials", "{\"credentials\":{\"api_key\":\"" + good + "\"}}").expect(200));
    }

    /** The grid remembers accepted webhook ids only while the server runs; the delivery log remembers them across restarts. */
    private void deliverAWebhook(Api api, Api admin) {
        String widgetId = "replay-" + UUID.randomUUID().toString().substring(0, 8);
        admin.post("dashboard/widgets", "{\"id\":\"" + widgetId + "\",\"name\":\"Replay\"}").expect(201);
        pushIntegration = admin.post("dashboard/widgets/" + widgetId + "/integrations", """
                {"name": "svix", "integration_type": "push", "credential_scope": "widget",
                 "credential_schema": {"signing_secret": {"type": "string", "required": true, "sensitive": true}},
                 "push_config": {"scheme": "standard-webhooks"}}""").expect(201).data().getJsonNumber("id").longValue();
        Api member = api.as(memberKey);
        String config = member.post("dashboard/organizations/" + org + "/widget-configs", "{\"widget_id\":\"" + widgetId + "\",\"name\":\"Replay\"}")
                .expect(201).data().getString("id");
        secretFree(member.post("dashboard/widget-configs/" + config + "/credentials",
                "{\"integration_id\":" + pushIntegration + ",\"credentials\":{\"signing_secret\":\"" + signingSecret + "\"}}").expect(201));
        webhookPath = "webhooks/widgets/" + pushIntegration + "/" + config;
        String id = "msg_" + UUID.randomUUID();
        long timestamp = Instant.now().getEpochSecond();
        webhookHeaders = List.of("webhook-id", id, "webhook-timestamp", Long.toString(timestamp),
                "webhook-signature", Senders.standard(signingSecret, id, timestamp, webhookBody));
        sendWebhook(api).expect(200);
    }

    private void theWebhookReplayIsRefused(Api api) {
        assertEquals("Invalid webhook signature", sendWebhook(api).expect(401).error());
        assertEquals("replay", api.as(memberKey).get("dashboard/widget-integrations/" + pushIntegration + "/deliveries").expect(200)
                .dataArray().getJsonObject(0).getString("signature"));
    }

    private ApiResponse sendWebhook(Api api) {
        Api sender = api.anonymous();
        for (int i = 0; i < webhookHeaders.size(); i += 2) {
            sender = sender.with(webhookHeaders.get(i), webhookHeaders.get(i + 1));
        }
        return sender.sendBytes("POST", webhookPath, webhookBody, "application/json");
    }

    /** Last before the stop: four messages queued on a slow display, and the API stopped by an admin. */
    private void queuePunchMessages(Api api, Api admin) {
        admin.put("dashboard/punchcard/api", "{\"enabled\": true}").expect(200);
        punchKey = admin.createKey(admin.createOrganization("Restart"), "punchcard");
        for (int i = 1; i <= 4; i++) {
            punchIds.add(api.as(punchKey).post("api/punchcard/messages", "{\"text\":\"before the restart " + i + "\"}")
                    .expect(201).data().getJsonNumber("id").longValue());
        }
        admin.put("dashboard/punchcard/api", "{\"enabled\": false}").expect(200);
    }

    private void queuedPunchMessagesAreDisplayedAndTheStopSurvived(Api api, Api admin) {
        Api sender = api.as(punchKey);
        try {
            assertEquals("stopped", sender.get("api/punchcard/status").expect(200).data().getString("api"));
            sender.post("api/punchcard/messages", "{\"text\":\"after the restart\"}").expect(503);

            // the display works through the queue while the API is stopped
            long waiting = System.nanoTime();
            await("every message displayed after the restart", Duration.ofSeconds(120),
                    () -> punchStatuses().stream().allMatch("DISPLAYED"::equals));
            System.out.println("RestartIT: queue displayed after " + (System.nanoTime() - waiting) / 1_000_000 + " ms");
            assertEquals(List.of("1", "1", "1", "1"), punchIds.stream().map(id -> TestDatabase.strings(
                    "SELECT CAST(display_count AS VARCHAR(10)) FROM punch_message WHERE id = ?", id).get(0)).toList());
        } finally {
            admin.put("dashboard/punchcard/api", "{\"enabled\": true}").expect(200);
        }
        assertEquals("running", sender.get("api/punchcard/status").expect(200).data().getString("api"));
        assertEquals("displayed", sender.get("api/punchcard/messages/" + punchIds.get(3)).expect(200).data().getString("status"));
        corsFollowsTheConfiguredOrigins(api, sender);
    }

    private static void corsFollowsTheConfiguredOrigins(Api api, Api sender) {
        ApiResponse preflight = api.with("Origin", ORIGIN).with("Access-Control-Request-Method", "POST")
                .with("Access-Control-Request-Headers", "authorization, content-type")
                .send("OPTIONS", "api/punchcard/messages", null, null);
        assertEquals(204, preflight.status(), preflight.body());
        assertEquals(ORIGIN, preflight.header("Access-Control-Allow-Origin").orElseThrow());
        assertTrue(preflight.header("Access-Control-Allow-Methods").orElseThrow().contains("POST"));
        assertTrue(preflight.header("Access-Control-Allow-Headers").orElseThrow().contains("Authorization"));

        ApiResponse sent = sender.with("Origin", ORIGIN).post("api/punchcard/messages", "{\"text\":\"from the website\"}").expect(201);
        assertEquals(ORIGIN, sent.header("Access-Control-Allow-Origin").orElseThrow());
        assertTrue(sent.header("Access-Control-Expose-Headers").orElseThrow().contains("Retry-After"));

        ApiResponse unauthenticated = api.with("Origin", ORIGIN).get("api/punchcard/status").expect(401);
        assertEquals(ORIGIN, unauthenticated.header("Access-Control-Allow-Origin").orElseThrow(), "errors are readable by the page too");

        assertEquals(403, api.with("Origin", "https://evil.example").with("Access-Control-Request-Method", "POST")
                .send("OPTIONS", "api/punchcard/messages", null, null).status());
        assertTrue(sender.with("Origin", ORIGIN).get("dashboard/organizations").header("Access-Control-Allow-Origin").isEmpty(),
                "CORS is for the punch-card API only");
    }

    private void assertNotifiesWith(Api admin) {
        widget.resetRequests();
        admin.put("dashboard/clients/" + clientId + "/external-widget", "{\"disabled\": true}").expect(200);
        widget.verify(1, postRequestedFor(urlEqualTo("/api/widget/disable"))
                .withRequestBody(matchingJsonPath("$.ha_token", equalTo(haToken)))
                .withRequestBody(matchingJsonPath("$.client_id", equalTo(clientId))));
        assertTrue(admin.get("dashboard/clients/" + clientId).expect(200).body().indexOf(haToken) < 0);
    }

    private JsonObject credentialTest(Api member) {
        return member.post(credentialsPath + "/test", "").expect(200).json();
    }

    private void secretFree(ApiResponse response) {
        secrets.forEach(secret -> assertFalse(response.body().contains(secret), () -> "answer shows a secret: " + response.body()));
    }

    private void logFree(String log) {
        assertTrue(log.contains("Payara Micro"), "the log was captured");
        secrets.forEach(secret -> assertFalse(log.contains(secret), "the server log contains a credential"));
        assertFalse(log.contains(haToken), "the server log contains a Home Assistant token");
    }

    private List<String> punchStatuses() {
        return punchIds.stream().map(id -> TestDatabase.strings("SELECT status FROM punch_message WHERE id = ?", id).get(0)).toList();
    }

    private static void await(String what, Duration timeout, java.util.function.BooleanSupplier done) {
        Instant deadline = Instant.now().plus(timeout);
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    private static String weatherDefinition(String endpoint) {
        return """
                {"name": "openweather", "integration_type": "pull", "credential_scope": "organization",
                 "credential_schema": {"api_key": {"type": "string", "required": true, "sensitive": true}},
                 "config_schema": {"units": {"type": "string", "enum": ["metric", "imperial"], "default": "metric"}},
                 "pull_endpoint": "%s", "pull_interval_seconds": 1800,
                 "pull_config": {"timeout": 8000, "query": {"q": "Oslo", "appid": "{{credentials.api_key}}", "units": "{{config.units}}"}}}"""
                .formatted(endpoint);
    }
}
