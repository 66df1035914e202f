package dev.hollerith.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hollerith.cluster.SseClient;
import dev.hollerith.integrations.SeedExamples;
import dev.hollerith.testing.Api;
import dev.hollerith.testing.BaseUrl;
import dev.hollerith.testing.SharedServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 17 over real HTTP against the packaged WAR: credential metadata outside the schema, the
 * version history of widget data, rollback and pin.
 */
@ExtendWith(SharedServer.class)
class DataTrustIT {

    @BaseUrl
    URL base;

    Api api;
    Api admin;

    @BeforeEach
    void signIn() {
        api = new Api(base);
        admin = api.asAdmin();
    }

    // ---- 1. credential metadata ----

    @Test
    void seedCredentialExampleKeepsUsernameAsMetadata() {
        String org = admin.createOrganization("Metadata");
        Api member = api.as(admin.createKey(org, "member"));
        String widget = uniqueWidget();
        long integration = admin.post("dashboard/widgets/" + widget + "/integrations",
                SeedExamples.OPENWEATHER.replace("\"weather-widget\"", "\"" + widget + "\"")).expect(201).data().getJsonNumber("id").longValue();
        String path = "dashboard/organizations/" + org + "/widget-integrations/" + integration + "/credentials";
        // seed 002 "Create/Update Organization Credentials", request body verbatim
        String seedBody = """
                {
                  "credentials": {
                    "api_key": "your-api-key-here",
                    "username": "optional-username"
                  }
                }""";
        JsonObject created = member.post(path, seedBody).expect(201).data();
        assertEquals(json("{\"username\":\"optional-username\"}"), created.getJsonObject("metadata"));
        var replaced = member.put(path, seedBody).expect(200);
        assertEquals(json("{\"username\":\"optional-username\"}"), replaced.data().getJsonObject("metadata"));
        assertFalse(replaced.body().contains("your-api-key-here"));
        assertEquals(json("{\"username\":\"optional-username\"}"), member.get(path).expect(200).data().getJsonObject("metadata"));

        // the limits: named like a secret (would be shown in plain text), too large, too many
        JsonObject secretLike = member.put(path, "{\"credentials\":{\"api_key\":\"k\",\"client_secret\":\"s\"}}").expect(422).json();
        assertEquals(Set.of("credentials.client_secret"), secretLike.getJsonObject("errors").keySet());
        member.put(path, "{\"credentials\":{\"api_key\":\"k\",\"note\":\"" + "x".repeat(1025) + "\"}}").expect(422);
        StringBuilder many = new StringBuilder("{\"credentials\":{\"api_key\":\"k\"");
        for (int i = 0; i < 21; i++) {
            many.append(",\"f").append(i).append("\":\"v\"");
        }
        member.put(path, many.append("}}").toString()).expect(422);
        // a declared field still fails its own rules
        member.put(path, "{\"credentials\":{\"username\":\"u\"}}").expect(422);
        assertEquals(json("{\"username\":\"optional-username\"}"), member.get(path).expect(200).data().getJsonObject("metadata"));
    }

    // ---- 2. version history, 3. rollback and pin ----

    record Feed(String org, long integration, String config, Api member, Api player, String data) {
        String history() {
            return data + "/versions";
        }
    }

    static final String OPEN_INTEGRATION = """
            {"widget_id": "%s", "name": "open", "integration_type": "push", "credential_scope": "widget", "credential_schema": {}}
            """;

    Feed pushFeed() {
        String widget = uniqueWidget();
        long integration = admin.post("dashboard/widgets/" + widget + "/integrations", OPEN_INTEGRATION.formatted(widget))
                .expect(201).data().getJsonNumber("id").longValue();
        String org = admin.createOrganization("History");
        Api member = api.as(admin.createKey(org, "member"));
        String config = member.post("dashboard/organizations/" + org + "/widget-configs",
                "{\"widget_id\":\"" + widget + "\",\"name\":\"Lobby\",\"options\":{}}").expect(201).data().getString("id");
        return new Feed(org, integration, config, member, api.as(admin.createKey(org, "player")), "dashboard/widget-configs/" + config + "/data");
    }

    long push(Feed feed, String data) {
        return api.anonymous().post("webhooks/widgets/" + feed.integration() + "/" + feed.config(), "{\"data\":" + data + "}")
                .expect(200).json().getJsonNumber("version").longValue();
    }

    @Test
    void everyVersionIsKeptWithItsOriginAndCanBeReadBack() {
        Feed feed = pushFeed();
        assertEquals(1, push(feed, "{\"n\":1}"));
        assertEquals(2, push(feed, "{\"n\":2}"));
        assertEquals(2, push(feed, "{\"n\":2}"), "the same content is no new version");
        assertEquals(3, push(feed, "{\"n\":3}"));

        JsonObject listed = feed.member().get(feed.history()).expect(200).json();
        var versions = listed.getJsonArray("data");
        assertEquals(3, versions.size());
        assertEquals(List.of(3L, 2L, 1L), versions.stream().map(v -> v.asJsonObject().getJsonNumber("version").longValue()).toList());
        JsonObject newest = versions.getJsonObject(0);
        assertEquals("webhook", newest.getString("source"));
        assertEquals("served", newest.getString("status"));
        assertEquals("superseded", versions.getJsonObject(1).getString("status"));
        assertEquals("{\"n\":3}".length(), newest.getInt("size_bytes"));
        assertEquals(64, newest.getString("content_hash").length());
        assertTrue(Instant.parse(newest.getString("received_at")).isAfter(Instant.now().minusSeconds(120)));
        long delivery = newest.getJsonNumber("delivery_id").longValue();
        var deliveries = admin.get("dashboard/widget-integrations/" + feed.integration() + "/deliveries").expect(200).dataArray();
        assertTrue(deliveries.stream().anyMatch(d -> d.asJsonObject().getJsonNumber("id").longValue() == delivery
                && d.asJsonObject().getJsonNumber("version").longValue() == 3), "delivery_id names the delivery that wrote version 3");
        assertEquals(3, listed.getJsonObject("meta").getInt("total"));
        assertEquals(1, feed.member().get(feed.history() + "?limit=1&offset=2").expect(200).json().getJsonArray("data")
                .getJsonObject(0).getInt("version"));

        JsonObject first = feed.member().get(feed.history() + "/1").expect(200).data();
        assertEquals(json("{\"n\":1}"), first.getJsonObject("data"));
        assertEquals("superseded", first.getString("status"));
        assertEquals("webhook", first.getString("source"));
        feed.member().get(feed.history() + "/99").expect(404);
        feed.member().get(feed.history() + "/abc").expect(404);

        // players read the served data only; another tenant does not see the config at all
        feed.player().get(feed.history()).expect(403);
        Api stranger = api.as(admin.createKey(admin.createOrganization("Stranger"), "member"));
        stranger.get(feed.history()).expect(404);
        stranger.get(feed.history() + "/1").expect(404);
        stranger.post(feed.data() + "/rollback", "{\"version\":1}").expect(404);
        stranger.put(feed.data() + "/pin", "{\"version\":1}").expect(404);
    }

    @Test
    void rollbackPublishesOldContentAsANewVersion() {
        Feed feed = pushFeed();
        push(feed, "{\"n\":1}");
        push(feed, "{\"n\":2}");
        JsonObject rolledBack = feed.member().post(feed.data() + "/rollback", "{\"version\":1}").expect(201).data();
        assertEquals(3, rolledBack.getInt("version"));
        // players take it through their usual 304 -> 200
        JsonObject read = feed.player().get(feed.data() + "?version=2").expect(200).json();
        assertEquals(3, read.getInt("version"));
        assertEquals(json("{\"n\":1}"), read.getJsonObject("data"));
        JsonObject newest = feed.member().get(feed.history()).expect(200).json().getJsonArray("data").getJsonObject(0);
        assertEquals("rollback", newest.getString("source"));
        assertEquals("served", newest.getString("status"));
        assertFalse(newest.containsKey("delivery_id"));

        feed.member().post(feed.data() + "/rollback", "{\"version\":1}").expect(409);
        assertTrue(feed.member().post(feed.data() + "/rollback", "{}").expect(422).json().getJsonObject("errors").containsKey("version"));
        feed.member().post(feed.data() + "/rollback", "{\"version\":42}").expect(404);
        feed.player().post(feed.data() + "/rollback", "{\"version\":1}").expect(403);
    }

    @Test
    void pinHoldsPlayersOnAVersionUntilUnpinned() {
        Feed feed = pushFeed();
        push(feed, "{\"n\":1}");
        push(feed, "{\"n\":2}");
        feed.player().get(feed.data() + "?version=2").expect(304);

        assertTrue(feed.member().put(feed.data() + "/pin", "{\"version\":1}").expect(200).data().getBoolean("pinned"));
        JsonObject pinned = feed.player().get(feed.data() + "?version=2").expect(200).json();
        assertEquals(1, pinned.getInt("version"));
        assertEquals(json("{\"n\":1}"), pinned.getJsonObject("data"));
        assertTrue(pinned.getBoolean("pinned"));
        feed.player().get(feed.data() + "?version=1").expect(304);

        // new data goes on being recorded, players keep the pinned version
        assertEquals(3, push(feed, "{\"n\":3}"));
        feed.player().get(feed.data() + "?version=1").expect(304);
        assertEquals(1, feed.player().get(feed.data()).expect(200).json().getInt("version"));
        JsonObject listed = feed.member().get(feed.history()).expect(200).json();
        assertTrue(listed.getJsonObject("meta").getBoolean("pinned"));
        assertEquals("superseded", listed.getJsonArray("data").getJsonObject(0).getString("status"));
        assertEquals("served", listed.getJsonArray("data").getJsonObject(2).getString("status"));

        feed.member().put(feed.data() + "/pin", "{\"version\":7}").expect(404);
        feed.player().put(feed.data() + "/pin", "{\"version\":1}").expect(403);
        feed.member().delete(feed.data() + "/pin").expect(204);
        JsonObject released = feed.player().get(feed.data() + "?version=1").expect(200).json();
        assertEquals(3, released.getInt("version"));
        assertEquals(json("{\"n\":3}"), released.getJsonObject("data"));
        assertFalse(released.containsKey("pinned"));
        feed.member().delete(feed.data() + "/pin").expect(404);
    }

    @Test
    void anOpenEventStreamSwitchesToTheServedVersionWhenAPinIsSetMovedOrRemoved() throws Exception {
        Feed feed = pushFeed();
        push(feed, "{\"n\":1}");
        push(feed, "{\"n\":2}");
        String playerKey = admin.createKey(feed.org(), "player");
        Api player = api.as(playerKey);
        // the rendered answer of version 2 is in memory before the pin
        assertEquals(2, player.get(feed.data()).expect(200).json().getInt("version"));
        try (SseClient stream = SseClient.open(api.uri("dashboard/widget-configs/" + feed.config() + "/events"), playerKey)) {
            stream.awaitId(2, Duration.ofSeconds(30));

            // a pin to an older version reaches the open stream at once (no reconnect), and the read path too
            feed.member().put(feed.data() + "/pin", "{\"version\":1}").expect(200);
            JsonObject pinned = json(stream.awaitId(1, Duration.ofSeconds(20)));
            assertEquals(json("{\"n\":1}"), pinned.getJsonObject("data"));
            assertTrue(pinned.getBoolean("pinned"));
            assertEquals(1, player.get(feed.data() + "?version=2").expect(200).json().getInt("version"));
            player.get(feed.data() + "?version=1").expect(304);

            // new data while pinned is recorded, not sent; moving the pin sends the version it moved to
            assertEquals(3, push(feed, "{\"n\":3}"));
            feed.member().put(feed.data() + "/pin", "{\"version\":2}").expect(200);
            JsonObject moved = json(stream.awaitId(2, Duration.ofSeconds(20)));
            assertEquals(json("{\"n\":2}"), moved.getJsonObject("data"));
            assertTrue(moved.getBoolean("pinned"));
            JsonObject served = player.get(feed.data() + "?version=1").expect(200).json();
            assertEquals(2, served.getInt("version"));
            assertEquals(json("{\"n\":2}"), served.getJsonObject("data"));

            // unpinned: the newest version, which the stream has never been sent
            feed.member().delete(feed.data() + "/pin").expect(204);
            JsonObject newest = json(stream.awaitId(3, Duration.ofSeconds(20)));
            assertEquals(json("{\"n\":3}"), newest.getJsonObject("data"));
            assertFalse(newest.containsKey("pinned"));
            assertEquals(3, player.get(feed.data() + "?version=2").expect(200).json().getInt("version"));
        }
    }

    // ---- 4. data_schema and quarantine ----

    static final String SCHEMA_INTEGRATION = """
            {"widget_id": "%s", "name": "sensor", "integration_type": "push", "credential_scope": "widget", "credential_schema": {},
             "data_schema": {"type": "object", "required": ["temp"], "properties": {"temp": {"type": "number"}}}}
            """;

    @Test
    void dataFailingTheSchemaIsQuarantinedAndCanBeReleased() {
        String widget = uniqueWidget();
        JsonObject refused = admin.post("dashboard/widgets/" + widget + "/integrations", """
                {"widget_id": "%s", "name": "bad", "integration_type": "push", "credential_scope": "widget",
                 "data_schema": {"type": "nonsense"}}""".formatted(widget)).expect(422).json();
        assertTrue(refused.getJsonObject("errors").containsKey("data_schema"));
        JsonObject integration = admin.post("dashboard/widgets/" + widget + "/integrations", SCHEMA_INTEGRATION.formatted(widget)).expect(201).data();
        assertEquals("number", integration.getJsonObject("data_schema").getJsonObject("properties").getJsonObject("temp").getString("type"));
        long integrationId = integration.getJsonNumber("id").longValue();
        String org = admin.createOrganization("Schema");
        Api member = api.as(admin.createKey(org, "member"));
        String config = member.post("dashboard/organizations/" + org + "/widget-configs",
                "{\"widget_id\":\"" + widget + "\",\"name\":\"Hall\",\"options\":{}}").expect(201).data().getString("id");
        Feed feed = new Feed(org, integrationId, config, member, api.as(admin.createKey(org, "player")), "dashboard/widget-configs/" + config + "/data");
        String webhook = "webhooks/widgets/" + integrationId + "/" + config;

        assertEquals(1, push(feed, "{\"temp\":20}"));
        JsonObject answer = api.anonymous().post(webhook, "{\"data\":{\"temp\":\"hot\"}}").expect(422).json();
        assertEquals("Data does not match the integration's data_schema", answer.getString("error"));
        var errors = answer.getJsonObject("errors").getJsonArray("data");
        assertEquals(1, errors.size());
        assertTrue(errors.getString(0).contains("temp"), errors.toString());
        var deliveries = admin.get("dashboard/widget-integrations/" + integrationId + "/deliveries").expect(200).dataArray();
        assertEquals("quarantined", deliveries.getJsonObject(0).getString("outcome"));

        // players keep the last good version, told that newer data was quarantined
        JsonObject served = feed.player().get(feed.data()).expect(200).json();
        assertEquals(1, served.getInt("version"));
        assertEquals(json("{\"temp\":20}"), served.getJsonObject("data"));
        assertEquals("quarantined", served.getString("status"));
        feed.player().get(feed.data() + "?version=1").expect(304);

        JsonObject quarantined = feed.member().get(feed.history() + "/2").expect(200).data();
        assertEquals("quarantined", quarantined.getString("status"));
        assertEquals(json("{\"temp\":\"hot\"}"), quarantined.getJsonObject("data"));
        assertEquals(errors, quarantined.getJsonArray("errors"));
        assertEquals(deliveries.getJsonObject(0).getJsonNumber("id").longValue(), quarantined.getJsonNumber("delivery_id").longValue());
        feed.member().put(feed.data() + "/pin", "{\"version\":2}").expect(409);
        feed.member().post(feed.data() + "/rollback", "{\"version\":2}").expect(409);

        // versions only go up past the quarantined one
        assertEquals(3, push(feed, "{\"temp\":21}"));
        assertEquals("success", feed.player().get(feed.data()).expect(200).json().getString("status"));

        JsonObject released = feed.member().post(feed.history() + "/2/release", "").expect(201).data();
        assertEquals(4, released.getInt("version"));
        JsonObject read = feed.player().get(feed.data() + "?version=3").expect(200).json();
        assertEquals(4, read.getInt("version"));
        assertEquals(json("{\"temp\":\"hot\"}"), read.getJsonObject("data"));
        JsonObject newest = feed.member().get(feed.history()).expect(200).json().getJsonArray("data").getJsonObject(0);
        assertEquals("release", newest.getString("source"));
        assertEquals("served", newest.getString("status"));
        feed.member().post(feed.history() + "/3/release", "").expect(409);
        feed.player().post(feed.history() + "/2/release", "").expect(403);
    }

    @Test
    void historyEndpointsAreInTheOpenApiDocumentAndTheConsole() {
        String openapi = api.get("openapi").expect(200).body();
        for (String path : List.of("/dashboard/widget-configs/{id}/data/versions", "/dashboard/widget-configs/{id}/data/versions/{version}",
                "/dashboard/widget-configs/{id}/data/versions/{version}/release", "/dashboard/widget-configs/{id}/data/rollback",
                "/dashboard/widget-configs/{id}/data/pin", "/dashboard/organizations/{org}/alerting", "/dashboard/organizations/{org}/alerts")) {
            assertTrue(openapi.contains(path + ":") || openapi.contains("\"" + path + "\""), path);
        }
        assertTrue(api.anonymous().get("admin/js/views/datahistory.js").expect(200).body().contains("renderDataHistory"));
        assertTrue(api.anonymous().get("admin/js/views/alerts.js").expect(200).body().contains("renderAlerts"));
        String app = api.anonymous().get("admin/js/app.js").expect(200).body();
        assertTrue(app.contains("data-history") && app.contains("'alerts'"));
    }

    @Test
    void aPulledAnswerFailingTheSchemaIsKeptQuarantined() throws Exception {
        try (Receiver upstream = new Receiver()) {
            String widget = uniqueWidget();
            long id = admin.post("dashboard/widgets/" + widget + "/integrations", """
                    {"widget_id": "%s", "name": "strict", "integration_type": "pull", "credential_scope": "organization",
                     "pull_endpoint": "%s", "pull_interval_seconds": 600,
                     "data_schema": {"type": "object", "required": ["humidity"]}}
                    """.formatted(widget, upstream.url("/upstream"))).expect(201).data().getJsonNumber("id").longValue();
            String org = admin.createOrganization("StrictPull");
            Api member = api.as(admin.createKey(org, "member"));
            String config = member.post("dashboard/organizations/" + org + "/widget-configs",
                    "{\"widget_id\":\"" + widget + "\",\"name\":\"Strict\",\"options\":{}}").expect(201).data().getString("id");
            String data = "dashboard/widget-configs/" + config + "/data";
            api.as(admin.createKey(org, "player")).get(data); // binds the config: the first pull starts
            eventually(() -> member.get(data + "/versions").json().getJsonArray("data").size() == 1, "the pulled answer is recorded");
            JsonObject quarantined = member.get(data + "/versions").expect(200).json().getJsonArray("data").getJsonObject(0);
            assertEquals("pull", quarantined.getString("source"));
            assertEquals("quarantined", quarantined.getString("status"));
            assertTrue(quarantined.getJsonArray("errors").getString(0).contains("humidity"), quarantined.toString());
            // never served: there is no good data yet
            api.as(admin.createKey(org, "player")).get(data).expect(404);
            assertEquals(2, member.post(data + "/versions/1/release", "").expect(201).data().getInt("version"));
            assertEquals(json("{\"temp\":20}"), api.as(admin.createKey(org, "player")).get(data).expect(200).json().getJsonObject("data"));
        }
    }

    // ---- 5. alerts ----

    /** The organization's alert endpoint, and a fake upstream, on loopback (the tests' SSRF allowlist has 127.0.0.1/32). */
    static final class Receiver implements AutoCloseable {
        final com.sun.net.httpserver.HttpServer server;
        final java.util.concurrent.BlockingQueue<Map<String, String>> alerts = new java.util.concurrent.LinkedBlockingQueue<>();
        volatile int upstreamStatus = 200;
        volatile String upstreamBody = "{\"temp\": 20}";
        final java.util.concurrent.atomic.AtomicInteger upstreamHits = new java.util.concurrent.atomic.AtomicInteger();

        Receiver() throws java.io.IOException {
            server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/alerts", exchange -> {
                Map<String, String> received = new java.util.HashMap<>();
                received.put("body", new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                for (String header : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
                    received.put(header, exchange.getRequestHeaders().getFirst(header));
                }
                alerts.add(received);
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.createContext("/upstream", exchange -> {
                upstreamHits.incrementAndGet();
                byte[] body = upstreamBody.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(upstreamStatus, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        JsonObject next(String secret) throws Exception {
            Map<String, String> received = alerts.poll(60, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(received != null, "an alert arrives");
            // Standard Webhooks: v1,<base64 HMAC-SHA256 of id.timestamp.body> with the decoded whsec_ key
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(java.util.Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
            String signed = received.get("webhook-id") + "." + received.get("webhook-timestamp") + "." + received.get("body");
            assertEquals("v1," + java.util.Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(java.nio.charset.StandardCharsets.UTF_8))),
                    received.get("webhook-signature"));
            assertTrue(Math.abs(Long.parseLong(received.get("webhook-timestamp")) - Instant.now().getEpochSecond()) < 300);
            return json(received.get("body"));
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    static final String ALERT_SECRET = "whsec_" + java.util.Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    @Test
    void alertsAreSignedOncePerConditionAndResolved() throws Exception {
        try (Receiver receiver = new Receiver()) {
            String widget = uniqueWidget();
            long integrationId = admin.post("dashboard/widgets/" + widget + "/integrations", SCHEMA_INTEGRATION.formatted(widget))
                    .expect(201).data().getJsonNumber("id").longValue();
            String org = admin.createOrganization("Alerts");
            Api member = api.as(admin.createKey(org, "member"));
            String alerting = "dashboard/organizations/" + org + "/alerting";

            // the SSRF guard applies to the alert URL; the secret must be a Standard Webhooks secret and is never shown back
            assertTrue(member.put(alerting, "{\"url\":\"http://10.1.2.3/hook\",\"secret\":\"" + ALERT_SECRET + "\"}")
                    .expect(422).json().getJsonObject("errors").containsKey("url"));
            member.put(alerting, "{\"url\":\"http://169.254.169.254/latest/meta-data\",\"secret\":\"" + ALERT_SECRET + "\"}").expect(422);
            assertTrue(member.put(alerting, "{\"url\":\"" + receiver.url("/alerts") + "\",\"secret\":\"plain\"}")
                    .expect(422).json().getJsonObject("errors").containsKey("secret"));
            var saved = member.put(alerting, "{\"url\":\"" + receiver.url("/alerts") + "\",\"secret\":\"" + ALERT_SECRET
                    + "\",\"failures_before_alert\":1,\"forged_per_hour\":50}").expect(200);
            assertFalse(saved.body().contains(ALERT_SECRET.substring(6)));
            assertEquals(1, member.get(alerting).expect(200).data().getInt("failures_before_alert"));
            api.as(admin.createKey(admin.createOrganization("Other"), "member")).get(alerting).expect(404);

            String config = member.post("dashboard/organizations/" + org + "/widget-configs",
                    "{\"widget_id\":\"" + widget + "\",\"name\":\"Hall\",\"options\":{}}").expect(201).data().getString("id");
            String webhook = "webhooks/widgets/" + integrationId + "/" + config;
            api.anonymous().post(webhook, "{\"data\":{\"temp\":20}}").expect(200);
            api.anonymous().post(webhook, "{\"data\":{\"temp\":\"hot\"}}").expect(422);
            JsonObject opened = receiver.next(ALERT_SECRET);
            assertEquals("data.quarantined", opened.getString("type"));
            assertEquals("open", opened.getString("state"));
            assertEquals(integrationId, opened.getJsonNumber("integration_id").longValue());
            assertTrue(Instant.parse(opened.getString("opened_at")).isAfter(Instant.now().minusSeconds(120)));

            // once per condition: more bad data while it is open sends nothing new
            api.anonymous().post(webhook, "{\"data\":{\"temp\":\"hotter\"}}").expect(422);
            var open = member.get("dashboard/organizations/" + org + "/alerts?state=open").expect(200).dataArray();
            assertEquals(1, open.size());
            assertEquals("data.quarantined", open.getJsonObject(0).getString("type"));

            api.anonymous().post(webhook, "{\"data\":{\"temp\":21}}").expect(200);
            JsonObject resolved = receiver.next(ALERT_SECRET);
            assertEquals("data.quarantined", resolved.getString("type"));
            assertEquals("resolved", resolved.getString("state"));
            assertTrue(resolved.containsKey("resolved_at"));
            assertEquals(opened.getString("id"), resolved.getString("id"));
            assertTrue(receiver.alerts.isEmpty(), "no second open was sent: " + receiver.alerts);
            assertEquals(0, member.get("dashboard/organizations/" + org + "/alerts?state=open").expect(200).dataArray().size());
            assertEquals(1, member.get("dashboard/organizations/" + org + "/alerts?state=resolved").expect(200).dataArray().size());
            member.get("dashboard/organizations/" + org + "/alerts?state=maybe").expect(400);

            // credentials refused upstream: credentials.invalid until a test succeeds again
            String pullWidget = uniqueWidget();
            long pull = admin.post("dashboard/widgets/" + pullWidget + "/integrations", """
                    {"widget_id": "%s", "name": "weather", "integration_type": "pull", "credential_scope": "organization",
                     "credential_schema": {"api_key": {"type": "string", "required": true, "sensitive": true}},
                     "pull_endpoint": "%s", "pull_interval_seconds": 600, "pull_config": {"query": {"appid": "{{credentials.api_key}}"}}}
                    """.formatted(pullWidget, receiver.url("/upstream"))).expect(201).data().getJsonNumber("id").longValue();
            member.post("dashboard/organizations/" + org + "/widget-integrations/" + pull + "/credentials",
                    "{\"credentials\":{\"api_key\":\"k-1\"}}").expect(201);
            receiver.upstreamStatus = 401;
            assertFalse(member.post("dashboard/organizations/" + org + "/widget-integrations/" + pull + "/test", "").expect(200).json()
                    .getBoolean("success"));
            JsonObject invalid = receiver.next(ALERT_SECRET);
            assertEquals("credentials.invalid", invalid.getString("type"));
            assertEquals("open", invalid.getString("state"));
            receiver.upstreamStatus = 200;
            assertTrue(member.post("dashboard/organizations/" + org + "/widget-integrations/" + pull + "/test", "").expect(200).json()
                    .getBoolean("success"));
            JsonObject valid = receiver.next(ALERT_SECRET);
            assertEquals("credentials.invalid", valid.getString("type"));
            assertEquals("resolved", valid.getString("state"));

            // forged webhooks: forged_per_hour (here 2) refused signatures within an hour
            member.put(alerting, "{\"url\":\"" + receiver.url("/alerts") + "\",\"secret\":\"" + ALERT_SECRET
                    + "\",\"failures_before_alert\":1,\"forged_per_hour\":2}").expect(200);
            String keyWidget = uniqueWidget();
            long sensor = admin.post("dashboard/widgets/" + keyWidget + "/integrations", """
                    {"widget_id": "%s", "name": "sensor", "integration_type": "push", "credential_scope": "widget",
                     "credential_schema": {"api_key": {"type": "string", "required": true, "sensitive": true}},
                     "push_config": {"api_key_credential": "api_key"}}""".formatted(keyWidget)).expect(201).data().getJsonNumber("id").longValue();
            String sensorConfig = member.post("dashboard/organizations/" + org + "/widget-configs",
                    "{\"widget_id\":\"" + keyWidget + "\",\"name\":\"Sensor\",\"options\":{}}").expect(201).data().getString("id");
            member.post("dashboard/widget-configs/" + sensorConfig + "/credentials",
                    "{\"integration_id\":" + sensor + ",\"credentials\":{\"api_key\":\"k-right-0123\"}}").expect(201);
            String sensorHook = "webhooks/widgets/" + sensor + "/" + sensorConfig;
            api.anonymous().with("X-API-Key", "k-wrong-0123").post(sensorHook, "{\"data\":{\"co2\":1}}").expect(401);
            assertTrue(receiver.alerts.poll(2, java.util.concurrent.TimeUnit.SECONDS) == null, "one forged delivery is below the threshold");
            api.anonymous().with("X-API-Key", "k-wrong-0123").post(sensorHook, "{\"data\":{\"co2\":1}}").expect(401);
            JsonObject forged = receiver.next(ALERT_SECRET);
            assertEquals("webhooks.forged", forged.getString("type"));
            assertEquals(sensor, forged.getJsonNumber("integration_id").longValue());
            api.anonymous().with("X-API-Key", "k-wrong-0123").post(sensorHook, "{\"data\":{\"co2\":1}}").expect(401);

            // a pull that fails failures_before_alert (1) times in a row: pull.failing
            receiver.upstreamStatus = 500;
            String pullConfig = member.post("dashboard/organizations/" + org + "/widget-configs",
                    "{\"widget_id\":\"" + pullWidget + "\",\"name\":\"Weather\",\"options\":{}}").expect(201).data().getString("id");
            api.as(admin.createKey(org, "player")).get("dashboard/widget-configs/" + pullConfig + "/data");
            JsonObject failing = receiver.next(ALERT_SECRET);
            assertEquals("pull.failing", failing.getString("type"));
            assertEquals("open", failing.getString("state"));
            assertEquals(pull, failing.getJsonNumber("integration_id").longValue());
        }
    }

    // ---- 6. upstream budgets ----

    @Test
    void aSpentBudgetPausesPullsAndRefusesRefreshes() throws Exception {
        try (Receiver receiver = new Receiver()) {
            String widget = uniqueWidget();
            String definition = """
                    {"widget_id": "%s", "name": "metered", "integration_type": "pull", "credential_scope": "organization",
                     "credential_schema": {"api_key": {"type": "string", "required": true, "sensitive": true}},
                     "pull_endpoint": "%s", "pull_interval_seconds": 600, "pull_config": {"query": {"appid": "{{credentials.api_key}}"}},
                     "budget": %s}
                    """;
            assertTrue(admin.post("dashboard/widgets/" + widget + "/integrations",
                    definition.formatted(widget, receiver.url("/upstream"), "{\"requests\": 0, \"per\": \"week\"}")).expect(422).json()
                    .getJsonObject("errors").keySet().containsAll(Set.of("budget.requests", "budget.per")));
            JsonObject integration = admin.post("dashboard/widgets/" + widget + "/integrations",
                    definition.formatted(widget, receiver.url("/upstream"), "{\"requests\": 2, \"per\": \"hour\"}")).expect(201).data();
            assertEquals(json("{\"requests\": 2, \"per\": \"hour\"}"), integration.getJsonObject("budget"));
            long id = integration.getJsonNumber("id").longValue();
            String org = admin.createOrganization("Budget");
            Api member = api.as(admin.createKey(org, "member"));
            member.put("dashboard/organizations/" + org + "/alerting", "{\"url\":\"" + receiver.url("/alerts") + "\",\"secret\":\""
                    + ALERT_SECRET + "\"}").expect(200);
            member.post("dashboard/organizations/" + org + "/widget-integrations/" + id + "/credentials",
                    "{\"credentials\":{\"api_key\":\"k-1\"}}").expect(201);
            String config = member.post("dashboard/organizations/" + org + "/widget-configs",
                    "{\"widget_id\":\"" + widget + "\",\"name\":\"Metered\",\"options\":{}}").expect(201).data().getString("id");
            Api player = api.as(admin.createKey(org, "player"));
            String data = "dashboard/widget-configs/" + config + "/data";

            // the first read starts the pull; a manual refresh spends the budget's second request
            eventually(() -> player.get(data).status() == 200, "the first pull");
            member.post("dashboard/widget-configs/" + config + "/refresh", "").expect(202);
            eventually(() -> receiver.upstreamHits.get() == 2, "the refresh reaches the upstream");
            eventually(() -> member.get("dashboard/widget-integrations/" + id + "/pull-jobs").dataArray().getJsonObject(0)
                    .getInt("budget_used") == 2, "both requests are counted");
            JsonObject job = member.get("dashboard/widget-integrations/" + id + "/pull-jobs").expect(200).dataArray().getJsonObject(0);
            assertEquals(0, job.getInt("budget_remaining"));
            assertEquals("budget_exhausted", job.getString("state"));
            // 2 requests an hour for one pull job: every 1800 s, not the integration's 600 s
            assertEquals(1800, job.getInt("effective_interval_seconds"));

            var refused = member.post("dashboard/widget-configs/" + config + "/refresh", "").expect(429);
            long retryAfter = Long.parseLong(refused.header("Retry-After").orElseThrow());
            assertTrue(retryAfter >= 1 && retryAfter <= 3601, "Retry-After until the hour's window resets: " + retryAfter);
            JsonObject exhausted = receiver.next(ALERT_SECRET);
            assertEquals("budget.exhausted", exhausted.getString("type"));
            assertEquals("open", exhausted.getString("state"));
            Thread.sleep(1500);
            assertEquals(2, receiver.upstreamHits.get(), "nothing more went upstream");
        }
    }

    static void eventually(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("timed out: " + what);
    }

    // ---- helpers ----

    String uniqueWidget() {
        String id = "trust-" + UUID.randomUUID().toString().substring(0, 8);
        admin.post("dashboard/widgets", "{\"id\":\"" + id + "\",\"name\":\"Widget " + id + "\"}").expect(201);
        return id;
    }

    static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
