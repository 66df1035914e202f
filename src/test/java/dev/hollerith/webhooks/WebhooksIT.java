package dev.hollerith.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hollerith.integrations.SeedExamples;
import dev.hollerith.testing.Api;
import dev.hollerith.testing.ApiResponse;
import dev.hollerith.testing.BaseUrl;
import dev.hollerith.testing.SharedServer;
import dev.hollerith.testing.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Seed 002 "Webhooks (PUSH Mode)" over real HTTP: signatures, handshake, answers, rate limit and the delivery log. */
@ExtendWith(SharedServer.class)
class WebhooksIT {

    /** Seed 002 "Social Feed (Widget Credentials, PUSH)": the Create Integration body, verbatim but for the widget id. */
    static final String SEED_FACEBOOK_INTEGRATION = SeedExamples.FACEBOOK.replace("\"facebook-feed\"", "\"%s\"");

    static final String SEED_WIDGET_CREDENTIALS = """
            {
              "integration_id": %d,
              "credentials": {
                "page_id": "123456789",
                "webhook_verify_token": "my-secret-token"
              }
            }
            """;

    @BaseUrl
    URL base;

    Api api;
    Api admin;

    @BeforeEach
    void signInAsAdmin() {
        api = new Api(base);
        admin = api.asAdmin();
    }

    /** A widget, one push integration of it, an organization with a member, and a widget config of that organization. */
    record Setup(String widgetId, long integrationId, String organizationId, Api member, String configId) {
        String webhookPath() {
            return "webhooks/widgets/" + integrationId + "/" + configId;
        }
    }

    String newWidget(String prefix) {
        String widgetId = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        admin.post("dashboard/widgets", Json.createObjectBuilder().add("id", widgetId).add("name", prefix).build().toString()).expect(201);
        return widgetId;
    }

    long newIntegration(String widgetId, String body) {
        return admin.post("dashboard/widgets/" + widgetId + "/integrations", body).expect(201).data().getJsonNumber("id").longValue();
    }

    String newConfig(Api as, String organizationId, String widgetId) {
        return as.post("dashboard/organizations/" + organizationId + "/widget-configs",
                Json.createObjectBuilder().add("widget_id", widgetId).add("name", "lobby " + widgetId).add("options", JsonValue.EMPTY_JSON_OBJECT)
                        .build().toString()).expect(201).data().getString("id");
    }

    Setup setUp(String widgetPrefix, String integrationBodyTemplate) {
        String widgetId = newWidget(widgetPrefix);
        long integrationId = newIntegration(widgetId, integrationBodyTemplate.formatted(widgetId));
        String org = admin.createOrganization("Push");
        Api member = api.as(admin.createKey(org, "member"));
        return new Setup(widgetId, integrationId, org, member, newConfig(member, org, widgetId));
    }

    void setCredentials(Setup setup, String credentialsJson) {
        setup.member().post("dashboard/widget-configs/" + setup.configId() + "/credentials",
                "{\"integration_id\":" + setup.integrationId() + ",\"credentials\":" + credentialsJson + "}").expect(201);
    }

    ApiResponse deliver(Setup setup, byte[] body, String... headers) {
        Api sender = api.anonymous();
        for (int i = 0; i < headers.length; i += 2) {
            sender = sender.with(headers[i], headers[i + 1]);
        }
        return sender.sendBytes("POST", setup.webhookPath(), body, "application/json");
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    JsonArray deliveries(Api as, long integrationId) {
        return as.get("dashboard/widget-integrations/" + integrationId + "/deliveries").expect(200).dataArray();
    }

    @Test
    void facebookSeedExampleWorksEndToEnd() {
        Setup fb = setUp("facebook-feed", SEED_FACEBOOK_INTEGRATION);
        fb.member().post("dashboard/widget-configs/" + fb.configId() + "/credentials", SEED_WIDGET_CREDENTIALS.formatted(fb.integrationId())).expect(201);

        // "Configure Facebook Webhook": Meta first proves the URL with the verify token
        String handshake = fb.webhookPath() + "?hub.mode=subscribe&hub.verify_token=my-secret-token&hub.challenge=1158201444";
        ApiResponse challenge = api.anonymous().get(handshake).expect(200);
        assertEquals("1158201444", challenge.body());
        assertTrue(challenge.header("Content-Type").orElse("").startsWith("text/plain"));

        // then posts page changes signed with X-Hub-Signature (the seed's push_config); no secret_credential, so the
        // first sensitive credential, the verify token, is the HMAC key
        byte[] change = bytes("{\"object\":\"page\",\"entry\":[{\"id\":\"123456789\",\"time\":1732450000,"
                + "\"changes\":[{\"field\":\"feed\",\"value\":{\"item\":\"status\",\"message\":\"Hello lobby\"}}]}]}");
        JsonObject receipt = deliver(fb, change, "X-Hub-Signature", Senders.hub("sha1", "my-secret-token", change)).expect(200).json();
        assertEquals(3, receipt.size(), "exactly success, version, received_at: " + receipt);
        assertTrue(receipt.getBoolean("success"));
        long version = receipt.getJsonNumber("version").longValue();
        Instant receivedAt = Instant.parse(receipt.getString("received_at"));
        assertTrue(Math.abs(Instant.now().getEpochSecond() - receivedAt.getEpochSecond()) < 60);

        // a player of the organization sees it at once: no top-level "data" member, so the body is stored whole
        Api player = api.as(admin.createKey(fb.organizationId(), "player"));
        JsonObject data = player.get("dashboard/widget-configs/" + fb.configId() + "/data").expect(200).json();
        assertEquals(version, data.getJsonNumber("version").longValue());
        assertEquals(json(new String(change, StandardCharsets.UTF_8)), data.getJsonObject("data"));
        player.get("dashboard/widget-configs/" + fb.configId() + "/data?version=" + version).expect(304);

        // the seed's own body shape: {"data": {...}} stores the data member, as a new version
        byte[] seedBody = bytes("{\n  \"data\": {\n    \"temperature\": 75,\n    \"condition\": \"cloudy\"\n  }\n}");
        long next = deliver(fb, seedBody, "X-Hub-Signature", Senders.hub("sha1", "my-secret-token", seedBody))
                .expect(200).json().getJsonNumber("version").longValue();
        assertEquals(version + 1, next);
        JsonObject now = player.get("dashboard/widget-configs/" + fb.configId() + "/data?version=" + version).expect(200).json();
        assertEquals(json("{\"temperature\":75,\"condition\":\"cloudy\"}"), now.getJsonObject("data"));

        // forged, tampered and unsigned deliveries change nothing
        assertEquals(json("{\"error\":\"Invalid webhook signature\"}"),
                deliver(fb, bytes("{\"data\":{\"hacked\":true}}"), "X-Hub-Signature", Senders.hub("sha1", "guess", bytes("{\"data\":{\"hacked\":true}}")))
                        .expect(401).json());
        deliver(fb, bytes("{\"data\":{\"hacked\":true}}"), "X-Hub-Signature", Senders.hub("sha1", "my-secret-token", seedBody)).expect(401);
        deliver(fb, bytes("{\"data\":{\"hacked\":true}}")).expect(401);
        assertEquals(next, player.get("dashboard/widget-configs/" + fb.configId() + "/data").expect(200).json().getJsonNumber("version").longValue());
    }

    @Test
    void handshakeEchoesTheChallengeOnlyForTheRightToken() {
        Setup fb = setUp("facebook-feed", SEED_FACEBOOK_INTEGRATION);
        setCredentials(fb, "{\"page_id\":\"1\",\"webhook_verify_token\":\"right-token\"}");
        String path = fb.webhookPath() + "?hub.mode=subscribe&hub.challenge=" + URLEncoder.encode("<b>c</b>", StandardCharsets.UTF_8) + "&hub.verify_token=";
        assertEquals("<b>c</b>", api.anonymous().get(path + "right-token").expect(200).body());
        ApiResponse wrong = api.anonymous().get(path + "wrong-token").expect(403);
        assertTrue(wrong.header("Content-Type").orElse("").startsWith("application/json"));
        assertFalse(wrong.body().contains("<b>"));
        api.anonymous().get(path + "right-toke").expect(403);
        api.anonymous().get(path).expect(403);
        api.anonymous().get(fb.webhookPath() + "?hub.mode=unsubscribe&hub.verify_token=right-token&hub.challenge=1").expect(403);
        api.anonymous().get(fb.webhookPath() + "?hub.mode=subscribe&hub.verify_token=right-token").expect(403);
    }

    @Test
    void metaAppSecretSignsWithSha256WhenPushConfigNamesIt() {
        Setup fb = setUp("facebook-app", SEED_FACEBOOK_INTEGRATION
                .replace("\"webhook_verify_token\": {", "\"app_secret\": {\"type\": \"string\", \"required\": true, \"sensitive\": true},\n\"webhook_verify_token\": {")
                .replace("\"signature_header\": \"X-Hub-Signature\"", "\"signature_header\": \"X-Hub-Signature-256\", \"secret_credential\": \"app_secret\""));
        setCredentials(fb, "{\"page_id\":\"1\",\"app_secret\":\"meta-app-secret\",\"webhook_verify_token\":\"verify-me\"}");
        byte[] body = bytes("{\"object\":\"page\",\"entry\":[]}");
        deliver(fb, body, "X-Hub-Signature-256", Senders.hub("sha256", "meta-app-secret", body)).expect(200);
        deliver(fb, body, "X-Hub-Signature-256", Senders.hub("sha256", "verify-me", body)).expect(401);
        deliver(fb, body, "X-Hub-Signature", Senders.hub("sha1", "meta-app-secret", body)).expect(401);
    }

    static final String STANDARD_WEBHOOKS_INTEGRATION = """
            {"widget_id": "%s", "name": "svix", "integration_type": "push", "credential_scope": "widget",
             "credential_schema": {"signing_secret": {"type": "string", "required": true, "sensitive": true}},
             "push_config": {"scheme": "standard-webhooks"}}
            """;

    @Test
    void standardWebhooksAcceptOnceAndRefuseReplaysAndStaleTimestamps() {
        Setup sw = setUp("svix-feed", STANDARD_WEBHOOKS_INTEGRATION);
        String secret = "whsec_" + Base64.getEncoder().encodeToString(bytes("a signing key of 32 bytes, ok!!!"));
        setCredentials(sw, "{\"signing_secret\":\"" + secret + "\"}");
        byte[] body = bytes("{\"data\":{\"headline\":\"Rotation works\"}}");
        long ts = Instant.now().getEpochSecond();
        String rotated = Senders.standard("whsec_" + Base64.getEncoder().encodeToString(bytes("the old key")), "msg_a", ts, body)
                + " " + Senders.standard(secret, "msg_a", ts, body);
        String[] headers = {"webhook-id", "msg_a", "webhook-timestamp", Long.toString(ts), "webhook-signature", rotated};
        deliver(sw, body, headers).expect(200);
        assertEquals("Invalid webhook signature", deliver(sw, body, headers).expect(401).error());

        long old = ts - 330;
        deliver(sw, body, "webhook-id", "msg_b", "webhook-timestamp", Long.toString(old), "webhook-signature", Senders.standard(secret, "msg_b", old, body))
                .expect(401);
        long future = ts + 330;
        deliver(sw, body, "webhook-id", "msg_c", "webhook-timestamp", Long.toString(future), "webhook-signature", Senders.standard(secret, "msg_c", future, body))
                .expect(401);
        // a malformed body with a good signature is refused as JSON, and its id stays usable for the sender's fixed retry
        byte[] broken = bytes("{\"data\": ");
        deliver(sw, broken, "webhook-id", "msg_d", "webhook-timestamp", Long.toString(ts), "webhook-signature", Senders.standard(secret, "msg_d", ts, broken))
                .expect(400);
        deliver(sw, body, "webhook-id", "msg_d", "webhook-timestamp", Long.toString(ts), "webhook-signature", Senders.standard(secret, "msg_d", ts, body))
                .expect(200);

        List<String> verdicts = deliveries(sw.member(), sw.integrationId()).stream()
                .map(d -> d.asJsonObject().getString("signature") + "/" + d.asJsonObject().getString("outcome")).toList();
        assertEquals(List.of("valid/accepted", "valid/rejected", "invalid/rejected", "invalid/rejected", "replay/rejected", "valid/accepted"), verdicts);
        assertEquals(List.of("1"), TestDatabase.strings("SELECT COUNT(*) FROM webhook_delivery WHERE replay_key = ?",
                sw.integrationId() + "/" + sw.configId() + "/msg_a"));
    }

    @Test
    void openApiDescribesTheWebhookEndpoints() {
        String document = api.get("openapi").expect(200).body();
        for (String path : List.of("/webhooks/widgets/{integration_id}/{widget_config_id}", "/dashboard/widget-integrations/{id}/deliveries")) {
            assertTrue(document.contains(path + ":"), path);
        }
    }

    @Test
    void aDeliveryTheDatabaseRefusesIsAnswered503AndItsRetryIsAccepted() throws Exception {
        Setup sw = setUp("svix-feed", STANDARD_WEBHOOKS_INTEGRATION);
        String secret = "whsec_" + Base64.getEncoder().encodeToString(bytes("a third signing key of 32 bytes"));
        setCredentials(sw, "{\"signing_secret\":\"" + secret + "\"}");
        // a body of a size no other test sends, which a constraint added behind the server's back refuses to log
        String prefix = "{\"data\":{\"pad\":\"";
        String suffix = "\"}}";
        byte[] body = bytes(prefix + "x".repeat(4242 - prefix.length() - suffix.length()) + suffix);
        long ts = Instant.now().getEpochSecond();
        String[] headers = {"webhook-id", "msg_retry", "webhook-timestamp", Long.toString(ts), "webhook-signature", Senders.standard(secret, "msg_retry", ts, body)};
        sql("ALTER TABLE webhook_delivery ADD CONSTRAINT webhooks_it_refuses CHECK (size_bytes <> 4242)");
        try {
            ApiResponse refused = deliver(sw, body, headers).expect(503);
            assertTrue(refused.header("Retry-After").isPresent());
            assertFalse(refused.body().contains("webhooks_it_refuses") || refused.body().contains("SQL"), refused.body());
        } finally {
            sql("ALTER TABLE webhook_delivery DROP CONSTRAINT webhooks_it_refuses");
        }
        Api player = api.as(admin.createKey(sw.organizationId(), "player"));
        player.get("dashboard/widget-configs/" + sw.configId() + "/data").expect(404);
        // nothing was stored, so the id was not used up: the sender's retry is accepted
        assertEquals(1, deliver(sw, body, headers).expect(200).json().getJsonNumber("version").longValue());
        assertEquals(1, player.get("dashboard/widget-configs/" + sw.configId() + "/data").expect(200).json().getJsonNumber("version").longValue());
    }

    static void sql(String statement) throws java.sql.SQLException {
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(System.getProperty("it.db.url"),
                System.getProperty("it.db.user"), System.getProperty("it.db.password"));
             java.sql.Statement sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }

    static final String API_KEY_INTEGRATION = """
            {"widget_id": "%s", "name": "sensor", "integration_type": "both", "credential_scope": "widget",
             "pull_endpoint": "https://example.com/sensor", "pull_interval_seconds": 600,
             "credential_schema": {"api_key": {"type": "string", "required": true, "sensitive": true}},
             "push_config": {"api_key_credential": "api_key"}}
            """;

    @Test
    void apiKeyIntegrationNeedsTheRightKey() {
        Setup sensor = setUp("sensor", API_KEY_INTEGRATION);
        setCredentials(sensor, "{\"api_key\":\"k-0123456789\"}");
        byte[] body = bytes("{\"data\":{\"co2\":612}}");
        ApiResponse stored = deliver(sensor, body, "X-API-Key", "k-0123456789").expect(200);
        // the webhook budget is a limited endpoint: its RateLimit headers come on success too (API.md "Errors")
        assertEquals("\"webhooks\";q=1000;w=3600", stored.header("RateLimit-Policy").orElseThrow());
        assertTrue(stored.header("RateLimit").orElseThrow().startsWith("\"webhooks\";r="), stored.header("RateLimit").orElseThrow());
        // ...and on a refusal after the permit was spent (the body is not JSON)
        assertTrue(deliver(sensor, bytes("{\"data\":"), "X-API-Key", "k-0123456789").expect(400).header("RateLimit").isPresent());
        // whatever a sender says it accepts, it gets the JSON answer rather than a 406
        // (another body: a byte-identical re-send would be a duplicate, answered 202)
        assertTrue(deliver(sensor, bytes("{\"data\":{\"co2\":613}}"), "X-API-Key", "k-0123456789", "Accept", "text/plain")
                .expect(200).json().getBoolean("success"));
        deliver(sensor, body, "X-API-Key", "k-0123456788").expect(401);
        deliver(sensor, body).expect(401);
    }

    static final String PULL_INTEGRATION = """
            {"widget_id": "%s", "name": "openweather", "integration_type": "pull", "credential_scope": "organization",
             "credential_schema": {"api_key": {"type": "string", "required": true, "sensitive": true}},
             "pull_endpoint": "https://api.openweathermap.org/data/2.5/weather", "pull_interval_seconds": 1800}
            """;

    static final String OPEN_INTEGRATION = """
            {"widget_id": "%s", "name": "open", "integration_type": "push", "credential_scope": "widget", "credential_schema": {}}
            """;

    @Test
    void answersAsTheSeedForBadRequests() {
        Setup fb = setUp("facebook-feed", SEED_FACEBOOK_INTEGRATION);
        setCredentials(fb, "{\"page_id\":\"1\",\"webhook_verify_token\":\"t\"}");

        Setup weather = setUp("weather-widget", PULL_INTEGRATION);
        assertEquals(json("{\"error\":\"This integration does not support webhooks\"}"),
                deliver(weather, bytes("{\"data\":{}}")).expect(400).json());

        api.anonymous().post("webhooks/widgets/999999999/" + fb.configId(), "{}").expect(404);
        api.anonymous().post("webhooks/widgets/not-a-number/" + fb.configId(), "{}").expect(404);
        api.anonymous().post("webhooks/widgets/" + fb.integrationId() + "/" + UUID.randomUUID(), "{}").expect(404);
        // a config of another widget is not this integration's
        api.anonymous().post("webhooks/widgets/" + fb.integrationId() + "/" + weather.configId(), "{}").expect(404);

        byte[] malformed = bytes("{\"data\": {\"temperature\": 75,");
        deliver(fb, malformed, "X-Hub-Signature", Senders.hub("sha1", "t", malformed)).expect(400);
        // unsigned garbage learns nothing about its syntax: the signature is checked first
        deliver(fb, malformed, "X-Hub-Signature", Senders.hub("sha1", "x", malformed)).expect(401);

        byte[] huge = new byte[300 * 1024];
        java.util.Arrays.fill(huge, (byte) ' ');
        assertEquals(413, deliver(fb, huge, "X-Hub-Signature", Senders.hub("sha1", "t", huge)).status());

        // verify_signature with no credentials stored refuses even a delivery signed with an empty key
        Setup unconfigured = setUp("facebook-feed", SEED_FACEBOOK_INTEGRATION);
        byte[] body = bytes("{}");
        deliver(unconfigured, body, "X-Hub-Signature", "sha1=fbdb1d1b18aa6c08324b7d64b71fb76370690e1d").expect(401);
    }

    @Test
    void theThousandAndFirstDeliveryInAnHourIsRefused() throws Exception {
        Setup open = setUp("ticker", OPEN_INTEGRATION);
        byte[] body = bytes("{\"data\":{\"tick\":true}}");
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                answers.add(senders.submit(() -> deliver(open, body).status()));
            }
            for (Future<Integer> answer : answers) {
                assertEquals(200, answer.get());
            }
        } finally {
            senders.shutdown();
        }
        ApiResponse refused = deliver(open, body).expect(429);
        long retryAfter = Long.parseLong(refused.header("Retry-After").orElseThrow());
        assertTrue(retryAfter > 0 && retryAfter <= 3600, "Retry-After " + retryAfter);
        // the limit is per integration: another one is unaffected
        Setup other = setUp("ticker", OPEN_INTEGRATION);
        deliver(other, body).expect(200);
    }

    @Test
    void deliveryLogShowsAnOrganizationOnlyItsOwnDeliveries() {
        Setup fb = setUp("facebook-feed", SEED_FACEBOOK_INTEGRATION);
        setCredentials(fb, "{\"page_id\":\"1\",\"webhook_verify_token\":\"log-token-1\"}");
        // a second organization uses the same widget and integration
        String otherOrg = admin.createOrganization("Other");
        Api otherMember = api.as(admin.createKey(otherOrg, "member"));
        String otherConfig = newConfig(otherMember, otherOrg, fb.widgetId());
        Setup other = new Setup(fb.widgetId(), fb.integrationId(), otherOrg, otherMember, otherConfig);
        setCredentials(other, "{\"page_id\":\"2\",\"webhook_verify_token\":\"log-token-2\"}");

        byte[] body = bytes("{\"data\":{\"n\":1}}");
        deliver(fb, body, "X-Hub-Signature", Senders.hub("sha1", "log-token-1", body)).expect(200);
        deliver(fb, body, "X-Hub-Signature", Senders.hub("sha1", "log-token-2", body)).expect(401);
        deliver(other, body, "X-Hub-Signature", Senders.hub("sha1", "log-token-2", body)).expect(200);

        JsonArray mine = deliveries(fb.member(), fb.integrationId());
        assertEquals(2, mine.size());
        JsonObject rejected = mine.getJsonObject(0);
        assertEquals("rejected", rejected.getString("outcome"));
        assertEquals("invalid", rejected.getString("signature"));
        assertEquals(fb.configId(), rejected.getString("widget_config_id"));
        assertEquals(body.length, rejected.getInt("size_bytes"));
        assertTrue(rejected.containsKey("source_address") && rejected.containsKey("received_at") && rejected.containsKey("reason"));
        JsonObject accepted = mine.getJsonObject(1);
        assertEquals("accepted", accepted.getString("outcome"));
        assertEquals("valid", accepted.getString("signature"));
        assertTrue(accepted.getJsonNumber("version").longValue() >= 1);
        String listing = mine.toString();
        assertFalse(listing.contains("log-token") || listing.contains("\"n\""), "no secret, no body: " + listing);

        JsonArray theirs = deliveries(otherMember, fb.integrationId());
        assertEquals(1, theirs.size());
        assertEquals(otherConfig, theirs.getJsonObject(0).getString("widget_config_id"));
        assertEquals(3, deliveries(admin, fb.integrationId()).size());

        // paginated, newest first
        JsonArray page = fb.member().get("dashboard/widget-integrations/" + fb.integrationId() + "/deliveries?limit=1&offset=1").expect(200).dataArray();
        assertEquals(accepted.getJsonNumber("id"), page.getJsonObject(0).getJsonNumber("id"));
        fb.member().get("dashboard/widget-integrations/999999999/deliveries").expect(404);
        api.as(admin.createKey(fb.organizationId(), "player")).get("dashboard/widget-integrations/" + fb.integrationId() + "/deliveries").expect(403);
        api.anonymous().get("dashboard/widget-integrations/" + fb.integrationId() + "/deliveries").expect(401);
        // received_at is a real SQL timestamp (UTC), readable and sortable by an operator's query
        String stored = TestDatabase.strings("SELECT received_at FROM webhook_delivery WHERE integration_id = ? ORDER BY received_at DESC",
                fb.integrationId()).get(0);
        assertTrue(stored.startsWith(Integer.toString(Instant.now().atZone(java.time.ZoneOffset.UTC).getYear())), stored);
        assertTrue(TestDatabase.strings("SELECT reason FROM webhook_delivery WHERE integration_id = ?", fb.integrationId())
                .stream().noneMatch(reason -> reason != null && reason.contains("log-token")));
    }
}
