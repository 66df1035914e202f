package dev.hollerith.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hollerith.testing.Api;
import dev.hollerith.testing.ApiResponse;
import dev.hollerith.testing.BaseUrl;
import dev.hollerith.testing.SharedServer;
import dev.hollerith.webhooks.Senders;
import jakarta.json.JsonObject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the console needs from the API (issue 15), over real HTTP: Idempotency-Key on POST, editing and
 * deleting with cascades or 409s that name what holds, password reset and member removal, credentials
 * that are valid only after a real test, the pull status of a widget config, and a webhook delivery's
 * captured payload (signature redacted) applied again.
 */
@ExtendWith(SharedServer.class)
class OperatorApiIT {

    @BaseUrl
    URL base;

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void idempotencyKeyReplaysTheFirstAnswerAndRefusesAnotherBody() {
        Api admin = new Api(base).asAdmin();
        String key = UUID.randomUUID().toString();
        String body = "{\"name\":\"" + unique("Once") + "\"}";
        ApiResponse first = admin.with("Idempotency-Key", key).post("dashboard/organizations", body).expect(201);
        assertTrue(first.header("Idempotent-Replayed").isEmpty());
        ApiResponse again = admin.with("Idempotency-Key", key).post("dashboard/organizations", body).expect(201);
        assertEquals("true", again.header("Idempotent-Replayed").orElseThrow());
        assertEquals(first.data().getString("id"), again.data().getString("id"), "the first answer, not a second organization");
        long named = admin.get("dashboard/organizations?limit=200").dataArray().stream()
                .filter(o -> o.asJsonObject().getString("name").equals(first.data().getString("name"))).count();
        assertEquals(1, named, "three clicks, one organization");

        ApiResponse other = admin.with("Idempotency-Key", key).post("dashboard/organizations", "{\"name\":\"" + unique("Other") + "\"}");
        assertEquals(422, other.status());
        assertTrue(other.error().contains("Idempotency-Key"), other.error());

        // keys are per caller: another caller's request with the same key and body runs on its own
        String org = first.data().getString("id");
        String member = admin.createKey(org, "member");
        String userBody = "{\"email\":\"" + unique("same") + "@example.test\",\"password\":\"member-password-1\"}";
        admin.with("Idempotency-Key", key + "-users").post("dashboard/organizations/" + org + "/users", userBody).expect(201);
        ApiResponse separate = new Api(base).as(member).with("Idempotency-Key", key + "-users").post("dashboard/organizations/" + org + "/users", userBody);
        assertEquals(409, separate.status(), "the member's own request ran (and found the email taken), it was not the admin's answer");
        assertTrue(separate.header("Idempotent-Replayed").isEmpty());

        assertEquals(400, admin.with("Idempotency-Key", "x".repeat(256)).post("dashboard/organizations", body).status());
        // a refused request is remembered too: the retry gets the same 422, not a second chance at a different outcome
        String badKey = UUID.randomUUID().toString();
        assertEquals(422, admin.with("Idempotency-Key", badKey).post("dashboard/organizations", "{\"name\":\"\"}").status());
        ApiResponse badAgain = admin.with("Idempotency-Key", badKey).post("dashboard/organizations", "{\"name\":\"\"}");
        assertEquals(422, badAgain.status());
        assertEquals("true", badAgain.header("Idempotent-Replayed").orElseThrow());
    }

    @Test
    void aNewApiKeyIsNeverReplayedFromTheIdempotencyStore() {
        Api admin = new Api(base).asAdmin();
        String org = admin.createOrganization("Keys");
        String key = UUID.randomUUID().toString();
        String body = "{\"name\":\"display\",\"role\":\"player\"}";
        JsonObject issued = admin.with("Idempotency-Key", key).post("dashboard/organizations/" + org + "/api-keys", body).expect(201).data();
        assertTrue(issued.getString("key").startsWith("hk_") || !issued.getString("key").isBlank());
        ApiResponse again = admin.with("Idempotency-Key", key).post("dashboard/organizations/" + org + "/api-keys", body);
        assertEquals(409, again.status());
        assertFalse(again.body().contains(issued.getString("key")));
        assertEquals(1, admin.get("dashboard/organizations/" + org + "/api-keys").dataArray().size(), "one key, created once");
    }

    @Test
    void resetsAPasswordEndingSessionsAndRemovesAMember() {
        Api api = new Api(base);
        Api admin = api.asAdmin();
        String org = admin.createOrganization("People");
        String email = unique("ada") + "@example.test";
        String userId = admin.post("dashboard/organizations/" + org + "/users",
                "{\"email\":\"" + email + "\",\"password\":\"first-password-1\"}").expect(201).data().getString("id");
        Api member = api.as(api.signIn(email, "first-password-1"));
        member.get("dashboard/organizations/" + org).expect(200);

        assertEquals(422, admin.patch("dashboard/organizations/" + org + "/users/" + userId, "{\"password\":\"short\"}").status());
        admin.patch("dashboard/organizations/" + org + "/users/" + userId, "{\"password\":\"second-password-2\"}").expect(200);
        assertEquals(401, member.get("dashboard/organizations/" + org).status(), "the old session ended with the reset");
        assertEquals(401, api.post("dashboard/sessions", "{\"email\":\"" + email + "\",\"password\":\"first-password-1\"}").status());
        Api again = api.as(api.signIn(email, "second-password-2"));
        assertEquals(409, again.delete("dashboard/organizations/" + org + "/users/" + userId).status(), "nobody removes themselves");

        String otherOrg = admin.createOrganization("Elsewhere");
        assertEquals(404, admin.delete("dashboard/organizations/" + otherOrg + "/users/" + userId).status());
        admin.delete("dashboard/organizations/" + org + "/users/" + userId).expect(204);
        assertEquals(401, again.get("dashboard/organizations/" + org).status());
        assertEquals(0, admin.get("dashboard/organizations/" + org + "/users").dataArray().size());
    }

    @Test
    void deletingAnOrganizationCascadesOrNamesTheConfigsThatHoldIt() {
        Api api = new Api(base);
        Api admin = api.asAdmin();
        String widget = unique("clock");
        admin.post("dashboard/widgets", "{\"id\":\"" + widget + "\",\"name\":\"Clock\"}").expect(201);
        String org = admin.createOrganization("Doomed");
        String playerKey = admin.createKey(org, "player");
        admin.post("dashboard/organizations/" + org + "/users", "{\"email\":\"" + unique("m") + "@example.test\",\"password\":\"member-password-1\"}").expect(201);
        String config = admin.post("dashboard/organizations/" + org + "/widget-configs",
                "{\"widget_id\":\"" + widget + "\",\"name\":\"Lobby\",\"options\":{}}").expect(201).data().getString("id");

        ApiResponse held = admin.delete("dashboard/organizations/" + org);
        assertEquals(409, held.status());
        assertTrue(held.error().contains("1 widget config"), held.error());
        ApiResponse widgetHeld = admin.delete("dashboard/widgets/" + widget);
        assertEquals(409, widgetHeld.status());
        // the integrations component counts its own rows (WidgetUses): widgets knows no integrations
        assertTrue(widgetHeld.error().contains("0 integrations and 1 widget config"), widgetHeld.error());

        admin.delete("dashboard/widget-configs/" + config).expect(204);
        admin.delete("dashboard/organizations/" + org).expect(204);
        assertEquals(404, admin.get("dashboard/organizations/" + org).status());
        assertEquals(401, api.as(playerKey).get("dashboard/organizations/" + org).status(), "its API keys went with it");

        JsonObject renamed = admin.patch("dashboard/widgets/" + widget, "{\"name\":\"Wall clock\",\"description\":\"Big digits\"}").expect(200).data();
        assertEquals("Wall clock", renamed.getString("name"));
        assertEquals(422, admin.patch("dashboard/widgets/" + widget, "{\"id\":\"another\"}").status());
        admin.delete("dashboard/widgets/" + widget).expect(204);
        assertEquals(404, admin.get("dashboard/widgets/" + widget).status());
        assertEquals(404, admin.delete("dashboard/widgets/" + widget).status());
    }

    @Test
    void credentialsAreValidOnlyAfterARealTestAndAConfigShowsItsPulls() {
        Api admin = new Api(base).asAdmin();
        String widget = unique("status");
        admin.post("dashboard/widgets", "{\"id\":\"" + widget + "\",\"name\":\"Status\"}").expect(201);
        // port 9 on loopback: nothing listens, so the test fails for a reason that says nothing good about the credentials
        long id = admin.post("dashboard/widgets/" + widget + "/integrations", """
                {"name": "status", "integration_type": "pull", "credential_scope": "organization",
                 "pull_endpoint": "http://127.0.0.1:9/status", "pull_interval_seconds": 60,
                 "credential_schema": {"token": {"type": "string", "required": true, "sensitive": true}}}""")
                .expect(201).data().getJsonNumber("id").longValue();
        String org = admin.createOrganization("Trust");
        String path = "dashboard/organizations/" + org + "/widget-integrations/" + id;
        JsonObject saved = admin.put(path + "/credentials", "{\"credentials\":{\"token\":\"t-1\"}}").data();
        assertFalse(saved.getBoolean("is_valid"), "saving is not a test");
        assertTrue(saved.isNull("validated_at"));
        JsonObject tested = admin.post(path + "/test", "").expect(200).json();
        assertFalse(tested.getBoolean("success"));
        JsonObject after = admin.get(path + "/credentials").expect(200).data();
        assertFalse(after.getBoolean("is_valid"));
        assertEquals(tested.getString("validated_at"), after.getString("validated_at"));

        String config = admin.post("dashboard/organizations/" + org + "/widget-configs",
                "{\"widget_id\":\"" + widget + "\",\"name\":\"Board\",\"options\":{}}").expect(201).data().getString("id");
        JsonObject pull = admin.get("dashboard/widget-configs/" + config + "/pulls").expect(200).dataArray().getJsonObject(0);
        assertEquals(id, pull.getJsonNumber("integration_id").longValue());
        assertEquals("status", pull.getString("integration_name"));
        admin.get("dashboard/widget-configs/" + config + "/data"); // a player's first read schedules the pull
        JsonObject scheduled = null;
        for (int attempt = 0; attempt < 40; attempt++) {
            scheduled = admin.get("dashboard/widget-configs/" + config + "/pulls").expect(200).dataArray().getJsonObject(0);
            if (scheduled.getBoolean("scheduled") && scheduled.getInt("failures") > 0) {
                break;
            }
            sleep(500);
        }
        assertTrue(scheduled.getBoolean("scheduled"), scheduled.toString());
        assertTrue(scheduled.getInt("failures") > 0, scheduled.toString());
        assertTrue(scheduled.containsKey("last_error") && !scheduled.getString("last_error").isBlank(), scheduled.toString());
        assertTrue(scheduled.containsKey("next_run_at"), scheduled.toString());
    }

    @Test
    void aDeliveryKeepsItsPayloadWithTheSignatureRedactedAndCanBeAppliedAgain() {
        Api admin = new Api(base).asAdmin();
        String widget = unique("feed");
        admin.post("dashboard/widgets", "{\"id\":\"" + widget + "\",\"name\":\"Feed\"}").expect(201);
        long id = admin.post("dashboard/widgets/" + widget + "/integrations", """
                {"name": "hub", "integration_type": "push", "credential_scope": "widget",
                 "credential_schema": {"app_secret": {"type": "string", "required": true, "sensitive": true}},
                 "push_config": {"signature_header": "X-Hub-Signature-256", "verify_signature": true}}""")
                .expect(201).data().getJsonNumber("id").longValue();
        String org = admin.createOrganization("Push");
        String config = admin.post("dashboard/organizations/" + org + "/widget-configs",
                "{\"widget_id\":\"" + widget + "\",\"name\":\"Wall\",\"options\":{}}").expect(201).data().getString("id");
        admin.put("dashboard/widget-configs/" + config + "/credentials",
                "{\"integration_id\":" + id + ",\"credentials\":{\"app_secret\":\"hub-secret\"}}").expect(201);
        byte[] body = "{\"data\":{\"headline\":\"Hello\"}}".getBytes(StandardCharsets.UTF_8);
        String signature = Senders.hub("sha256", "hub-secret", body);
        long version = new Api(base).with("X-Hub-Signature-256", signature)
                .sendBytes("POST", "webhooks/widgets/" + id + "/" + config, body, "application/json").expect(200).json().getJsonNumber("version").longValue();

        JsonObject listed = admin.get("dashboard/widget-integrations/" + id + "/deliveries").expect(200).dataArray().getJsonObject(0);
        ApiResponse detail = admin.get("dashboard/widget-integrations/" + id + "/deliveries/" + listed.getJsonNumber("id").longValue()).expect(200);
        JsonObject d = detail.data();
        assertEquals("{\"data\":{\"headline\":\"Hello\"}}", d.getString("payload"));
        assertFalse(d.getBoolean("payload_truncated"));
        assertEquals("[redacted]", d.getJsonObject("headers").getString("X-Hub-Signature-256"));
        assertFalse(detail.body().contains(signature.substring(7)), "no signature in the log");

        JsonObject applied = admin.post("dashboard/widget-integrations/" + id + "/deliveries/" + listed.getJsonNumber("id").longValue() + "/apply", "")
                .expect(201).data();
        assertTrue(applied.getJsonNumber("version").longValue() >= version);
        JsonObject newest = admin.get("dashboard/widget-integrations/" + id + "/deliveries").expect(200).dataArray().getJsonObject(0);
        assertEquals("operator", newest.getString("signature"));
        assertEquals("accepted", newest.getString("outcome"));

        Api stranger = new Api(base).as(admin.createKey(admin.createOrganization("Stranger"), "member"));
        assertEquals(404, stranger.get("dashboard/widget-integrations/" + id + "/deliveries/" + listed.getJsonNumber("id").longValue()).status());
        assertEquals(404, stranger.post("dashboard/widget-integrations/" + id + "/deliveries/" + listed.getJsonNumber("id").longValue() + "/apply", "").status());
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
