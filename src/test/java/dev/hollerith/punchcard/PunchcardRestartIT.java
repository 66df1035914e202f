package dev.hollerith.punchcard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hollerith.testing.Api;
import dev.hollerith.testing.ApiResponse;
import dev.hollerith.testing.OwnServers;
import dev.hollerith.testing.PayaraProcess;
import dev.hollerith.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Messages still queued when the server stops are displayed after the restart, and an API stopped
 * by an admin stays stopped. The first server punches slowly, so most messages are still waiting
 * when it goes down; the second punches fast.
 */
@ExtendWith(OwnServers.class)
class PunchcardRestartIT {

    private static final String ORIGIN = "https://punch.example.org";

    @Test
    void queuedMessagesAreDisplayedAfterARestartAndTheStopSurvivesIt() {
        List<Long> ids = new ArrayList<>();
        String key;
        try (PayaraProcess first = new PayaraProcess()
                .property("hollerith.punchcard.column-delay-ms", "100")
                .property("hollerith.punchcard.hold-ms", "10000")
                .start()) {
            Api admin = first.api().asAdmin();
            admin.put("dashboard/punchcard/api", "{\"enabled\": true}").expect(200);
            key = admin.createKey(admin.createOrganization("Restart"), "punchcard");
            for (int i = 1; i <= 4; i++) {
                ids.add(first.api().as(key).post("api/punchcard/messages", "{\"text\":\"before the restart " + i + "\"}")
                        .expect(201).data().getJsonNumber("id").longValue());
            }
            admin.put("dashboard/punchcard/api", "{\"enabled\": false}").expect(200);
            long stopping = System.nanoTime();
            first.stop();
            System.out.println("PunchcardRestartIT: graceful stop took " + (System.nanoTime() - stopping) / 1_000_000 + " ms");
            assertTrue(first.log().contains("Punch card"), "the display logged its start");
        }
        List<String> statusesAtStop = statuses(ids);
        assertTrue(statusesAtStop.stream().filter(s -> !s.equals("DISPLAYED")).count() >= 3,
                "most messages were still waiting at the stop: " + statusesAtStop);

        try (PayaraProcess second = new PayaraProcess()
                .property("hollerith.punchcard.column-delay-ms", "1")
                .property("hollerith.punchcard.hold-ms", "50")
                .property("hollerith.punchcard.cors-origins", ORIGIN + ", https://other.example")
                .start()) {
            Api admin = second.api().asAdmin();
            Api sender = second.api().as(key);
            try {
                assertEquals("stopped", sender.get("api/punchcard/status").expect(200).data().getString("api"));
                sender.post("api/punchcard/messages", "{\"text\":\"after the restart\"}").expect(503);

                // the display works through the queue while the API is stopped
                long waiting = System.nanoTime();
                Eventually.await("every message displayed after the restart", Duration.ofSeconds(120),
                        () -> statuses(ids).stream().allMatch("DISPLAYED"::equals));
                System.out.println("PunchcardRestartIT: queue displayed after " + (System.nanoTime() - waiting) / 1_000_000 + " ms");
                assertEquals(List.of("1", "1", "1", "1"), ids.stream().map(id -> TestDatabase.strings(
                        "SELECT CAST(display_count AS VARCHAR(10)) FROM punch_message WHERE id = ?", id).get(0)).toList());
            } finally {
                admin.put("dashboard/punchcard/api", "{\"enabled\": true}").expect(200);
            }
            assertEquals("running", sender.get("api/punchcard/status").expect(200).data().getString("api"));
            assertEquals("displayed", sender.get("api/punchcard/messages/" + ids.get(3)).expect(200).data().getString("status"));

            corsFollowsTheConfiguredOrigins(second.api(), sender);
        }
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

    private static List<String> statuses(List<Long> ids) {
        return ids.stream().map(id -> TestDatabase.strings("SELECT status FROM punch_message WHERE id = ?", id).get(0)).toList();
    }
}
