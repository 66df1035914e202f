package dev.hollerith.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hollerith.testing.Api;
import dev.hollerith.testing.ApiResponse;
import dev.hollerith.testing.BaseUrl;
import dev.hollerith.testing.SharedServer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Webhook ingest as issues 13 and 14 want it: forged traffic cannot spend a verified sender's budget,
 * re-sends are acknowledged but not applied twice, bad bodies get a 4xx that says why, and a change
 * of credentials takes effect at once although webhook targets are cached.
 */
@ExtendWith(SharedServer.class)
class WebhookIngestIT {

    static final String API_KEY_INTEGRATION = """
            {"widget_id": "%s", "name": "sensor", "integration_type": "push", "credential_scope": "widget",
             "credential_schema": {"api_key": {"type": "string", "required": true, "sensitive": true},
                                   "webhook_verify_token": {"type": "string", "sensitive": true}},
             "push_config": {"api_key_credential": "api_key"}}
            """;

    static final String HMAC_INTEGRATION = """
            {"widget_id": "%s", "name": "hub", "integration_type": "push", "credential_scope": "widget",
             "credential_schema": {"app_secret": {"type": "string", "required": true, "sensitive": true}},
             "push_config": {"signature_header": "X-Hub-Signature-256", "secret_credential": "app_secret"}}
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

    record Hook(long integrationId, String configId, Api member) {
        String path() {
            return "webhooks/widgets/" + integrationId + "/" + configId;
        }
    }

    String widget(String prefix) {
        String widgetId = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        admin.post("dashboard/widgets", Json.createObjectBuilder().add("id", widgetId).add("name", prefix).build().toString()).expect(201);
        return widgetId;
    }

    long integration(String widgetId, String template) {
        return admin.post("dashboard/widgets/" + widgetId + "/integrations", template.formatted(widgetId)).expect(201).data().getJsonNumber("id").longValue();
    }

    Hook hook(String widgetId, long integrationId, String credentials) {
        String org = admin.createOrganization("Ingest");
        Api member = api.as(admin.createKey(org, "member"));
        String config = member.post("dashboard/organizations/" + org + "/widget-configs",
                Json.createObjectBuilder().add("widget_id", widgetId).add("name", "lobby").add("options", JsonValue.EMPTY_JSON_OBJECT).build().toString())
                .expect(201).data().getString("id");
        member.post("dashboard/widget-configs/" + config + "/credentials",
                "{\"integration_id\":" + integrationId + ",\"credentials\":" + credentials + "}").expect(201);
        return new Hook(integrationId, config, member);
    }

    ApiResponse deliver(Hook hook, String body, String contentType, String... headers) {
        Api sender = api.anonymous();
        for (int i = 0; i < headers.length; i += 2) {
            sender = sender.with(headers[i], headers[i + 1]);
        }
        return sender.sendBytes("POST", hook.path(), body.getBytes(StandardCharsets.UTF_8), contentType);
    }

    ApiResponse deliver(Hook hook, String body, String key) {
        return deliver(hook, body, "application/json", "X-API-Key", key);
    }

    JsonObject data(Hook hook) {
        return hook.member().get("dashboard/widget-configs/" + hook.configId() + "/data").expect(200).json();
    }

    @Test
    void aThousandForgedDeliveriesDoNotStopVerifiedSenders() throws Exception {
        String widgetId = widget("shared");
        long integrationId = integration(widgetId, API_KEY_INTEGRATION);
        Hook victim = hook(widgetId, integrationId, "{\"api_key\":\"victim-key\",\"webhook_verify_token\":\"victim-token\"}");
        Hook other = hook(widgetId, integrationId, "{\"api_key\":\"other-key\"}");
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                int n = i;
                answers.add(senders.submit(() -> deliver(victim, "{\"data\":{\"forged\":" + n + "}}", "wrong-key").status()));
            }
            int limited = 0;
            for (Future<Integer> answer : answers) {
                int status = answer.get();
                assertTrue(status == 401 || status == 429, "a forged delivery got " + status);
                limited += status == 429 ? 1 : 0;
            }
            assertTrue(limited > 0, "a source that keeps failing is refused with 429 at some point");
        } finally {
            senders.shutdown();
        }
        // another organization's config of the same integration, and the attacked config itself, still take deliveries
        assertEquals(1, deliver(other, "{\"data\":{\"ok\":1}}", "other-key").expect(200).json().getJsonNumber("version").longValue());
        assertEquals(1, deliver(victim, "{\"data\":{\"ok\":2}}", "victim-key").expect(200).json().getJsonNumber("version").longValue());
        // the Meta handshake too
        assertEquals("c-42", api.anonymous().get(victim.path() + "?hub.mode=subscribe&hub.verify_token=victim-token&hub.challenge=c-42")
                .expect(200).body());
        // and the forged ones stored nothing
        assertEquals(Json.createObjectBuilder().add("ok", 2).build(), data(victim).get("data"));
    }

    @Test
    void aByteIdenticalResendIsAcknowledgedButNotAppliedAgain() {
        String widgetId = widget("resend");
        Hook sensor = hook(widgetId, integration(widgetId, API_KEY_INTEGRATION), "{\"api_key\":\"k-1\"}");
        String first = "{\"data\":{\"co2\":612}}";
        assertEquals(1, deliver(sensor, first, "k-1").expect(200).json().getJsonNumber("version").longValue());
        assertEquals(2, deliver(sensor, "{\"data\":{\"co2\":640}}", "k-1").expect(200).json().getJsonNumber("version").longValue());
        JsonObject resent = deliver(sensor, first, "k-1").expect(202).json();
        assertTrue(resent.getBoolean("success"));
        assertTrue(resent.getBoolean("duplicate"), resent.toString());
        assertEquals(1, resent.getJsonNumber("version").longValue(), "answered with the version the first copy made");
        JsonObject current = data(sensor);
        assertEquals(2, current.getJsonNumber("version").longValue(), "the re-send was not applied again");
        assertEquals(640, current.getJsonObject("data").getInt("co2"));
        JsonObject logged = sensor.member().get("dashboard/widget-integrations/" + sensor.integrationId() + "/deliveries").expect(200)
                .dataArray().getJsonObject(0);
        assertEquals("duplicate", logged.getString("outcome"), logged.toString());

        // the same for an HMAC-signed integration
        String hubWidget = widget("hub");
        Hook hub = hook(hubWidget, integration(hubWidget, HMAC_INTEGRATION), "{\"app_secret\":\"s3cret\"}");
        byte[] body = "{\"data\":{\"likes\":1}}".getBytes(StandardCharsets.UTF_8);
        String signature = Senders.hub("sha256", "s3cret", body);
        assertEquals(1, deliver(hub, new String(body, StandardCharsets.UTF_8), "application/json", "X-Hub-Signature-256", signature)
                .expect(200).json().getJsonNumber("version").longValue());
        assertTrue(deliver(hub, new String(body, StandardCharsets.UTF_8), "application/json", "X-Hub-Signature-256", signature)
                .expect(202).json().getBoolean("duplicate"));
        assertEquals(1, data(hub).getJsonNumber("version").longValue());
    }

    @Test
    void oneBodySentManyTimesAtOnceIsAppliedOnce() throws Exception {
        String widgetId = widget("burst");
        Hook sensor = hook(widgetId, integration(widgetId, API_KEY_INTEGRATION), "{\"api_key\":\"k-2\"}");
        assertEquals(1, deliver(sensor, "{\"data\":{\"n\":0}}", "k-2").expect(200).json().getJsonNumber("version").longValue());
        // sent together, most copies share the group commit of the first: a re-send within one batch, or of one stored before it
        ExecutorService senders = Executors.newFixedThreadPool(16);
        List<Future<ApiResponse>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 32; i++) {
                answers.add(senders.submit(() -> deliver(sensor, "{\"data\":{\"n\":1}}", "k-2")));
            }
            int applied = 0;
            for (Future<ApiResponse> answer : answers) {
                ApiResponse response = answer.get();
                assertTrue(response.status() == 200 || response.status() == 202, response.body());
                applied += response.status() == 200 ? 1 : 0;
                assertEquals(2, response.json().getJsonNumber("version").longValue(), "every copy is answered with the version the first made");
            }
            assertEquals(1, applied, "one copy applied, the others acknowledged as duplicates");
        } finally {
            senders.shutdown();
        }
        assertEquals(2, data(sensor).getJsonNumber("version").longValue());
        JsonArray logged = sensor.member().get("dashboard/widget-integrations/" + sensor.integrationId() + "/deliveries?limit=100")
                .expect(200).dataArray();
        assertEquals(33, logged.size(), "every delivery has its log row");
        assertEquals(31, logged.stream().filter(d -> d.asJsonObject().getString("outcome").equals("duplicate")).count());
        JsonArray versions = sensor.member().get("dashboard/widget-configs/" + sensor.configId() + "/data/versions").expect(200).dataArray();
        assertEquals(2, versions.size(), "one history entry per version: " + versions);
    }

    @Test
    void badBodiesOfAVerifiedSenderGetA4xxThatSaysWhy() {
        String widgetId = widget("bad");
        Hook sensor = hook(widgetId, integration(widgetId, API_KEY_INTEGRATION), "{\"api_key\":\"k-2\"}");
        ApiResponse deep = deliver(sensor, "{\"data\":" + "[".repeat(1000) + "]".repeat(1000) + "}", "k-2").expect(422);
        assertTrue(deep.body().contains("deeper than"), deep.body());
        ApiResponse digits = deliver(sensor, "{\"data\":{\"n\":" + "7".repeat(10_000) + "}}", "k-2").expect(422);
        assertTrue(digits.body().contains("number"), digits.body());
        ApiResponse trailing = deliver(sensor, "{\"data\":{\"a\":1}} and more", "k-2").expect(400);
        assertTrue(trailing.body().contains("after the JSON document"), trailing.body());
        ApiResponse form = deliver(sensor, "{\"data\":{\"a\":1}}", "application/x-www-form-urlencoded", "X-API-Key", "k-2").expect(415);
        assertTrue(form.body().contains("application/json"), form.body());
        assertFalse(form.body().contains("<html"), form.body());
        deliver(sensor, "{\"data\":{\"a\":2}}", null, "X-API-Key", "k-2").expect(200);
        deliver(sensor, "{\"data\":{\"a\":3}}", "application/cloudevents+json; charset=utf-8", "X-API-Key", "k-2").expect(200);
        assertEquals(2, data(sensor).getJsonNumber("version").longValue(), "only the two good bodies were stored");
    }

    @Test
    void changedCredentialsTakeEffectAtOnce() {
        String widgetId = widget("rotate");
        Hook sensor = hook(widgetId, integration(widgetId, API_KEY_INTEGRATION), "{\"api_key\":\"old-key\"}");
        deliver(sensor, "{\"data\":{\"v\":1}}", "old-key").expect(200);
        deliver(sensor, "{\"data\":{\"v\":2}}", "old-key").expect(200); // now answered from the cached target
        sensor.member().post("dashboard/widget-configs/" + sensor.configId() + "/credentials",
                "{\"integration_id\":" + sensor.integrationId() + ",\"credentials\":{\"api_key\":\"new-key\"}}").expect(200);
        deliver(sensor, "{\"data\":{\"v\":3}}", "old-key").expect(401);
        deliver(sensor, "{\"data\":{\"v\":4}}", "new-key").expect(200);
        admin.delete("dashboard/widget-integrations/" + sensor.integrationId()).expect(204);
        deliver(sensor, "{\"data\":{\"v\":5}}", "new-key").expect(404);
    }
}
