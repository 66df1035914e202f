package dev.hollerith.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hollerith.integrations.SeedExamples;
import dev.hollerith.testing.Api;
import dev.hollerith.testing.HollerithWar;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URL;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 17 over real HTTP against the packaged WAR: credential metadata outside the schema, the
 * version history of widget data, rollback and pin.
 */
@ExtendWith(ArquillianExtension.class)
class DataTrustIT {

    @Deployment(testable = false)
    static WebArchive app() {
        return HollerithWar.build();
    }

    @ArquillianResource
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
                "/dashboard/widget-configs/{id}/data/pin")) {
            assertTrue(openapi.contains(path + ":") || openapi.contains("\"" + path + "\""), path);
        }
        assertTrue(api.anonymous().get("admin/js/views/datahistory.js").expect(200).body().contains("renderDataHistory"));
        assertTrue(api.anonymous().get("admin/js/app.js").expect(200).body().contains("data-history"));
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
