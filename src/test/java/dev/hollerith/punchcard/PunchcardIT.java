package dev.hollerith.punchcard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hollerith.testing.Api;
import dev.hollerith.testing.ApiResponse;
import dev.hollerith.testing.BaseUrl;
import dev.hollerith.testing.SharedServer;
import dev.hollerith.testing.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The punch-card message API over real HTTP against the packaged WAR (mock hardware: this machine
 * has no GPIO). SharedServer makes the display quick (2 ms a column, 300 ms hold); still, the
 * test that waits for it runs first and the one that fills the queue runs last.
 */
@ExtendWith(SharedServer.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PunchcardIT {

    private static final Duration DISPLAY_TIMEOUT = Duration.ofSeconds(240);

    @BaseUrl
    URL base;

    Api api;
    Api admin;
    String organization;

    @BeforeEach
    void setUp() {
        api = new Api(base);
        admin = api.asAdmin();
        organization = admin.createOrganization("Punch");
        // the switch is persistent: never inherit a stop from an earlier run on the same database
        admin.put("dashboard/punchcard/api", "{\"enabled\": true}").expect(200);
    }

    private Api punchcardKey() {
        return api.as(admin.createKey(organization, "punchcard"));
    }

    private static String message(String text) {
        return Json.createObjectBuilder().add("text", text).build().toString();
    }

    @Test
    @Order(1)
    void aSentMessageIsStoredQueuedShownAndCounted() {
        Api sender = punchcardKey();
        ApiResponse sent = sender.post("api/punchcard/messages", message("Hello, punch card!")).expect(201);
        JsonObject data = sent.data();
        long id = data.getJsonNumber("id").longValue();
        assertEquals("HELLO, PUNCH CARD!", data.getString("text"));
        assertEquals("queued", data.getString("status"));
        assertEquals("punchcard key", data.getString("source"));
        assertNotNull(data.getString("created_at"));
        assertTrue(sent.header("Location").orElseThrow().endsWith("/api/punchcard/messages/" + id));
        assertTrue(sent.header("RateLimit").isPresent());

        assertEquals(List.of("HELLO, PUNCH CARD!"), TestDatabase.strings("SELECT text FROM punch_message WHERE id = ?", id));

        Eventually.await("the message on the card", DISPLAY_TIMEOUT, () -> {
            JsonValue current = sender.get("api/punchcard/messages/current").expect(200).json().get("data");
            return current instanceof JsonObject shown && shown.getJsonNumber("id").longValue() == id;
        });
        JsonObject displayed = Eventually.await("the message displayed", DISPLAY_TIMEOUT, () -> {
            JsonObject one = sender.get("api/punchcard/messages/" + id).expect(200).data();
            return one.getString("status").equals("displayed") ? one : null;
        });
        assertEquals(1, displayed.getInt("display_count"));
        assertNotNull(displayed.getString("displayed_at"));
        assertEquals(List.of("DISPLAYED", "1"), TestDatabase.strings(
                "SELECT status FROM punch_message WHERE id = ? UNION ALL SELECT CAST(display_count AS VARCHAR(10)) FROM punch_message WHERE id = ?", id, id));

        JsonObject status = Eventually.await("the display idle with the message on the card", DISPLAY_TIMEOUT, () -> {
            JsonObject now = sender.get("api/punchcard/status").expect(200).data();
            return now.getString("display").equals("idle") && now.getJsonObject("current_message").getJsonNumber("id").longValue() == id
                    ? now : null;
        });
        assertEquals("running", status.getString("api"));
        assertEquals("mock", status.getString("hardware"));
        assertEquals(0, status.getInt("queue_length"));
        assertTrue(status.getJsonNumber("messages_total").longValue() >= 1);
        JsonObject card = status.getJsonObject("card");
        JsonArray rows = card.getJsonArray("rows");
        assertEquals(12, rows.size());
        for (int row = 0; row < 12; row++) {
            assertTrue(rows.getString(row).matches("[01]{80}"), rows.getString(row));
        }
        // column 1 is H = 12-8, column 2 is E = 12-5 (rows top to bottom: 12, 11, 0, 1 … 9)
        assertEquals("100000000010", column(rows, 0));
        assertEquals("100000010000", column(rows, 1));
        assertEquals("000000000000", column(rows, 79));
        assertEquals(1, card.getInt("number"));
        assertEquals(1, card.getInt("of"));
        assertEquals(80, card.getInt("columns"));
    }

    private static String column(JsonArray rows, int column) {
        StringBuilder bits = new StringBuilder();
        for (int row = 0; row < 12; row++) {
            bits.append(rows.getString(row).charAt(column));
        }
        return bits.toString();
    }

    @Test
    @Order(2)
    void historyIsNewestFirstAndPagesWithBefore() {
        Api sender = punchcardKey();
        List<Long> ids = new ArrayList<>();
        for (String text : List.of("first", "second", "third")) {
            ids.add(sender.post("api/punchcard/messages", message(text)).expect(201).data().getJsonNumber("id").longValue());
        }
        ApiResponse page = sender.get("api/punchcard/messages?limit=2").expect(200);
        JsonArray newest = page.dataArray();
        assertEquals(2, newest.size());
        assertEquals(ids.get(2), newest.getJsonObject(0).getJsonNumber("id").longValue());
        assertEquals("THIRD", newest.getJsonObject(0).getString("text"));
        assertEquals(ids.get(1), newest.getJsonObject(1).getJsonNumber("id").longValue());
        assertTrue(page.header("Link").orElseThrow().contains("before=" + ids.get(1)), page.header("Link").orElseThrow());

        JsonArray older = sender.get("api/punchcard/messages?limit=2&before=" + ids.get(1)).expect(200).dataArray();
        assertEquals(ids.get(0), older.getJsonObject(0).getJsonNumber("id").longValue());
        assertEquals("FIRST", older.getJsonObject(0).getString("text"));
        assertTrue(older.size() <= 2);

        assertEquals(50, Math.max(50, sender.get("api/punchcard/messages").expect(200).dataArray().size()));
        sender.get("api/punchcard/messages?limit=0").expect(400);
        sender.get("api/punchcard/messages?limit=201").expect(400);
        sender.get("api/punchcard/messages?limit=ten").expect(400);
        sender.get("api/punchcard/messages?before=x").expect(400);
        sender.get("api/punchcard/messages/999999999").expect(404);
        // members may read (their console shows the card)
        api.as(admin.createKey(organization, "member")).get("api/punchcard/messages?limit=1").expect(200);
    }

    @Test
    @Order(3)
    void sendingNeedsAKeyWithThePunchcardRole() {
        api.post("api/punchcard/messages", message("anonymous")).expect(401);
        api.get("api/punchcard/messages/current").expect(401);
        api.get("api/punchcard/messages").expect(401);
        api.get("api/punchcard/status").expect(401);
        api.as("hk_nope_nope").post("api/punchcard/messages", message("forged")).expect(401);

        Api player = api.as(admin.createKey(organization, "player"));
        assertTrue(player.post("api/punchcard/messages", message("player")).expect(403).error().startsWith("Forbidden"));
        player.get("api/punchcard/messages/current").expect(403);
        player.get("api/punchcard/status").expect(403);

        Api member = api.as(admin.createKey(organization, "member"));
        member.post("api/punchcard/messages", message("member")).expect(403);
        member.get("api/punchcard/status").expect(200);

        admin.post("api/punchcard/messages", message("from the admin")).expect(201);
        assertEquals(List.of("0"), TestDatabase.strings("SELECT CAST(COUNT(*) AS VARCHAR(10)) FROM punch_message WHERE text IN ('ANONYMOUS', 'FORGED', 'PLAYER', 'MEMBER')"));
    }

    @Test
    @Order(4)
    void badTextIsRefusedNamingTheCharactersAndNothingIsStored() {
        Api sender = punchcardKey();
        String count = TestDatabase.strings("SELECT CAST(COUNT(*) AS VARCHAR(10)) FROM punch_message").get(0);

        JsonObject refused = sender.post("api/punchcard/messages", message("Grüße [ok] ~")).expect(422).json();
        String why = refused.getJsonObject("errors").getJsonArray("text").getString(0);
        assertTrue(why.contains("'ü' (U+00FC)") && why.contains("'ß' (U+00DF)") && why.contains("'['") && why.contains("']'")
                && why.contains("'~'"), why);
        assertFalse(why.contains("'G'"), why);
        assertTrue(sender.post("api/punchcard/messages", message("line one\nline two")).expect(422).body().contains("U+000A"));
        sender.post("api/punchcard/messages", message("")).expect(422);
        sender.post("api/punchcard/messages", message("    ")).expect(422);
        sender.post("api/punchcard/messages", "{\"text\": null}").expect(422);
        sender.post("api/punchcard/messages", "{}").expect(422);
        assertTrue(sender.post("api/punchcard/messages", message("X".repeat(801))).expect(422).body().contains("at most 800"));
        sender.post("api/punchcard/messages", "{not json").expect(400);
        sender.send("POST", "api/punchcard/messages", null, "application/json").expect(400);

        assertEquals(count, TestDatabase.strings("SELECT CAST(COUNT(*) AS VARCHAR(10)) FROM punch_message").get(0));
        sender.post("api/punchcard/messages", message("X".repeat(800))).expect(201);
    }

    @Test
    @Order(5)
    void markupIsStoredAndReturnedAsPlainText() {
        Api sender = punchcardKey();
        ApiResponse sent = sender.post("api/punchcard/messages", message("<script>alert('x')</script>")).expect(201);
        assertTrue(sent.header("Content-Type").orElseThrow().startsWith("application/json"));
        long id = sent.data().getJsonNumber("id").longValue();
        String stored = "<SCRIPT>ALERT('X')</SCRIPT>";
        assertEquals(stored, sent.data().getString("text"));
        assertEquals(List.of(stored), TestDatabase.strings("SELECT text FROM punch_message WHERE id = ?", id));
        ApiResponse read = sender.get("api/punchcard/messages/" + id).expect(200);
        assertTrue(read.header("Content-Type").orElseThrow().startsWith("application/json"));
        assertEquals(stored, read.data().getString("text"));
    }

    @Test
    @Order(6)
    void anAdminCanStopAndStartTheMessageApi() {
        Api sender = punchcardKey();
        sender.put("dashboard/punchcard/api", "{\"enabled\": false}").expect(403);
        try {
            admin.put("dashboard/punchcard/api", "{}").expect(422);
            admin.put("dashboard/punchcard/api", "{\"enabled\": \"maybe\"}").expect(422);
            admin.put("dashboard/punchcard/api", "{\"enabled\": 0}").expect(422);
            assertEquals("running", admin.get("dashboard/punchcard/api").expect(200).data().getString("api"));
            assertEquals("stopped", admin.put("dashboard/punchcard/api", "{\"enabled\": false}").expect(200).data().getString("api"));

            assertTrue(sender.post("api/punchcard/messages", message("while stopped")).expect(503).error().contains("stopped"));
            sender.get("api/punchcard/messages/current").expect(503);
            sender.get("api/punchcard/messages").expect(503);
            JsonObject status = sender.get("api/punchcard/status").expect(200).data();
            assertEquals("stopped", status.getString("api"));
            assertNotNull(status.getString("display"));
            assertEquals("stopped", admin.get("dashboard/punchcard/api").expect(200).data().getString("api"));
            // the rest of the server runs on
            admin.get("dashboard/organizations/" + organization).expect(200);
            assertEquals(List.of("0"), TestDatabase.strings("SELECT CAST(COUNT(*) AS VARCHAR(10)) FROM punch_message WHERE text = 'WHILE STOPPED'"));
        } finally {
            assertEquals("running", admin.put("dashboard/punchcard/api", "{\"enabled\": true}").expect(200).data().getString("api"));
        }
        sender.post("api/punchcard/messages", message("running again")).expect(201);
        assertEquals("running", sender.get("api/punchcard/status").expect(200).data().getString("api"));
    }

    @Test
    @Order(7)
    void currentIsAnExplicitNullOrAMessage() {
        JsonObject current = punchcardKey().get("api/punchcard/messages/current").expect(200).json();
        assertTrue(current.containsKey("data"), "data is present even when nothing was shown yet");
        JsonValue data = current.get("data");
        assertTrue(data.getValueType() == JsonValue.ValueType.NULL || data.getValueType() == JsonValue.ValueType.OBJECT);
    }

    @Test
    @Order(8)
    void preflightFromAnOriginNotConfiguredIsRefused() {
        ApiResponse preflight = api.with("Origin", "https://evil.example").with("Access-Control-Request-Method", "POST")
                .send("OPTIONS", "api/punchcard/messages", null, null);
        assertEquals(403, preflight.status(), preflight.body());
        assertTrue(preflight.header("Access-Control-Allow-Origin").isEmpty());
        ApiResponse simple = punchcardKey().with("Origin", "https://evil.example").get("api/punchcard/status").expect(200);
        assertTrue(simple.header("Access-Control-Allow-Origin").isEmpty());
    }

    @Test
    @Order(9)
    void eachOrganizationMayPostTenMessagesAMinute() {
        Api sender = punchcardKey();
        for (int i = 1; i <= 10; i++) {
            sender.post("api/punchcard/messages", message("burst " + i)).expect(201);
        }
        ApiResponse limited = sender.post("api/punchcard/messages", message("burst 11")).expect(429);
        assertTrue(Long.parseLong(limited.header("Retry-After").orElseThrow()) >= 1);
        assertTrue(limited.error().startsWith("Rate limit exceeded"), limited.error());
        assertEquals(List.of("0"), TestDatabase.strings("SELECT CAST(COUNT(*) AS VARCHAR(10)) FROM punch_message WHERE text = 'BURST 11'"));
        // the limit is per organization: a second key of the same one does not multiply it (issue 14 item 11) ...
        punchcardKey().post("api/punchcard/messages", message("other key")).expect(429);
        // ... while another organization has an allowance of its own
        api.as(admin.createKey(admin.createOrganization("Punch elsewhere"), "punchcard"))
                .post("api/punchcard/messages", message("other organization")).expect(201);
    }
}
