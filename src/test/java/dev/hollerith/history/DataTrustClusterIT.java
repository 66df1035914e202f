package dev.hollerith.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hollerith.cluster.SseClient;
import dev.hollerith.testing.Api;
import dev.hollerith.testing.PayaraProcess;
import dev.hollerith.testing.SharedCluster;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A pin set on one instance holds players on the other at once, and its removal too (the read path
 * answers from each instance's memory, kept coherent by the data-grid broadcast); an upstream budget is
 * one budget for the whole cluster; the history is pruned to its configured bounds (PostgreSQL only,
 * like cluster/ClusterIT).
 */
@ExtendWith(SharedCluster.class)
class DataTrustClusterIT {

    private static PayaraProcess a;
    private static PayaraProcess b;

    @BeforeAll
    static void twoInstances(SharedCluster.Cluster cluster) {
        a = cluster.a;
        b = cluster.b;
    }

    @Test
    void aPinSetOnOneInstanceHoldsPlayersOnTheOther() throws InterruptedException {
        Api adminA = a.api().asAdmin();
        String widget = "trust-c-" + UUID.randomUUID().toString().substring(0, 8);
        adminA.post("dashboard/widgets", "{\"id\":\"" + widget + "\",\"name\":\"Cluster " + widget + "\"}").expect(201);
        long integration = adminA.post("dashboard/widgets/" + widget + "/integrations", DataTrustIT.OPEN_INTEGRATION.formatted(widget))
                .expect(201).data().getJsonNumber("id").longValue();
        String org = adminA.createOrganization("Cluster");
        String config = adminA.post("dashboard/organizations/" + org + "/widget-configs",
                "{\"widget_id\":\"" + widget + "\",\"name\":\"Lobby\",\"options\":{}}").expect(201).data().getString("id");
        String playerKey = adminA.createKey(org, "player");
        Api playerB = b.api().as(playerKey);
        String data = "dashboard/widget-configs/" + config + "/data";
        String webhook = "webhooks/widgets/" + integration + "/" + config;
        a.api().anonymous().post(webhook, "{\"data\":{\"n\":1}}").expect(200);
        a.api().anonymous().post(webhook, "{\"data\":{\"n\":2}}").expect(200);
        await(Duration.ofSeconds(10), () -> playerB.get(data + "?version=2").status() == 304, "B serves version 2");
        String events = "dashboard/widget-configs/" + config + "/events";
        try (SseClient streamA = SseClient.open(a.api().uri(events), playerKey); SseClient streamB = SseClient.open(b.api().uri(events), playerKey)) {
            streamA.awaitId(2, Duration.ofSeconds(30));
            streamB.awaitId(2, Duration.ofSeconds(30));

            adminA.put(data + "/pin", "{\"version\":1}").expect(200);
            // the streams open on both instances switch to the pinned version without reconnecting
            assertTrue(DataTrustIT.json(streamB.awaitId(1, Duration.ofSeconds(10))).getBoolean("pinned"), "B's stream gets the pin set on A");
            assertTrue(DataTrustIT.json(streamA.awaitId(1, Duration.ofSeconds(10))).getBoolean("pinned"));
            aPinHoldsOnBothAndItsRemovalOnBReachesA(a, b, playerKey, data, webhook);
            assertEquals(3, DataTrustIT.json(streamA.awaitId(3, Duration.ofSeconds(10))).getInt("version"), "A's stream gets the unpinned newest");
            assertEquals(3, DataTrustIT.json(streamB.awaitId(3, Duration.ofSeconds(10))).getInt("version"));
        }
    }

    private static void aPinHoldsOnBothAndItsRemovalOnBReachesA(PayaraProcess a, PayaraProcess b, String playerKey, String data, String webhook) {
        Api playerB = b.api().as(playerKey);
        await(Duration.ofSeconds(5), () -> playerB.get(data + "?version=2").status() == 200, "B serves the pin set on A");
        JsonObject pinned = playerB.get(data).expect(200).json();
        assertEquals(1, pinned.getInt("version"));
        assertTrue(pinned.getBoolean("pinned"));
        playerB.get(data + "?version=1").expect(304);
        // new data written on B is recorded, and the pin still holds on both
        assertEquals(3, b.api().anonymous().post(webhook, "{\"data\":{\"n\":3}}").expect(200).json().getInt("version"));
        playerB.get(data + "?version=1").expect(304);
        a.api().as(playerKey).get(data + "?version=1").expect(304);

        b.api().asAdmin().delete(data + "/pin").expect(204);
        await(Duration.ofSeconds(5), () -> a.api().as(playerKey).get(data + "?version=1").status() == 200, "A sees the pin removed on B");
        assertEquals(3, a.api().as(playerKey).get(data).expect(200).json().getInt("version"));
    }

    @Test
    void aBudgetHoldsAcrossBothInstances() throws Exception {
        try (DataTrustIT.Receiver upstream = new DataTrustIT.Receiver()) {
            Api adminA = a.api().asAdmin();
            String widget = "trust-b-" + UUID.randomUUID().toString().substring(0, 8);
            adminA.post("dashboard/widgets", "{\"id\":\"" + widget + "\",\"name\":\"Budget " + widget + "\"}").expect(201);
            long integration = adminA.post("dashboard/widgets/" + widget + "/integrations", """
                    {"widget_id": "%s", "name": "metered", "integration_type": "pull", "credential_scope": "organization",
                     "pull_endpoint": "%s", "pull_interval_seconds": 600, "budget": {"requests": 3, "per": "hour"}}
                    """.formatted(widget, upstream.url("/upstream"))).expect(201).data().getJsonNumber("id").longValue();
            String org = adminA.createOrganization("Budget");
            String config = adminA.post("dashboard/organizations/" + org + "/widget-configs",
                    "{\"widget_id\":\"" + widget + "\",\"name\":\"Metered\",\"options\":{}}").expect(201).data().getString("id");
            String refresh = "dashboard/widget-configs/" + config + "/refresh";
            Api adminB = b.api().asAdmin();
            // refreshes on both instances, one after the other pull: the budget is one, cluster-wide
            int refused = 0;
            for (int i = 0; i < 8 && refused == 0; i++) {
                Api node = i % 2 == 0 ? adminA : adminB;
                int before = upstream.upstreamHits.get();
                int status = node.post(refresh, "").status();
                if (status == 429) {
                    refused++;
                } else {
                    assertEquals(202, status);
                    await(Duration.ofSeconds(60), () -> upstream.upstreamHits.get() > before, "refresh " + i + " reaches the upstream");
                    // a refresh while the previous run's outcome is not yet recorded would be overwritten by it: wait for the record
                    int spent = upstream.upstreamHits.get();
                    await(Duration.ofSeconds(60), () -> {
                        JsonObject job = adminA.get("dashboard/widget-integrations/" + integration + "/pull-jobs").dataArray().getJsonObject(0);
                        return job.getInt("budget_used") == spent && !job.getBoolean("running")
                                && Instant.parse(job.getString("next_run_at")).isAfter(Instant.now().plusSeconds(60));
                    }, "the outcome of refresh " + i + " is recorded");
                }
            }
            assertEquals(3, upstream.upstreamHits.get(), "three requests an hour, whichever instance ran them");
            adminA.post(refresh, "").expect(429);
            adminB.post(refresh, "").expect(429);
            JsonObject job = adminB.get("dashboard/widget-integrations/" + integration + "/pull-jobs").expect(200).dataArray().getJsonObject(0);
            assertEquals(3, job.getInt("budget_used"));
            assertEquals("budget_exhausted", job.getString("state"));
        }
    }

    @Test
    void staleDataIsAlertedOnceByTwoInstancesAndResolvedByFreshData() throws Exception {
        try (DataTrustIT.Receiver receiver = new DataTrustIT.Receiver()) {
            Api adminA = a.api().asAdmin();
            String widget = "trust-s-" + UUID.randomUUID().toString().substring(0, 8);
            adminA.post("dashboard/widgets", "{\"id\":\"" + widget + "\",\"name\":\"Stale " + widget + "\"}").expect(201);
            long integration = adminA.post("dashboard/widgets/" + widget + "/integrations", """
                    {"widget_id": "%s", "name": "feed", "integration_type": "pull", "credential_scope": "organization",
                     "pull_endpoint": "%s", "pull_interval_seconds": 2}
                    """.formatted(widget, receiver.url("/upstream"))).expect(201).data().getJsonNumber("id").longValue();
            String org = adminA.createOrganization("Stale");
            adminA.put("dashboard/organizations/" + org + "/alerting", "{\"url\":\"" + receiver.url("/alerts") + "\",\"secret\":\""
                    + DataTrustIT.ALERT_SECRET + "\",\"failures_before_alert\":1000}").expect(200);
            String config = adminA.post("dashboard/organizations/" + org + "/widget-configs",
                    "{\"widget_id\":\"" + widget + "\",\"name\":\"Feed\",\"options\":{}}").expect(201).data().getString("id");
            Api player = b.api().as(adminA.createKey(org, "player"));
            String data = "dashboard/widget-configs/" + config + "/data";
            await(Duration.ofSeconds(60), () -> player.get(data).status() == 200, "the first pull brings data");

            // the upstream fails from now on: nothing fresh arrives, and after three intervals (6 s) the data is
            // stale; both instances look every second (SharedCluster's hollerith.alerts.stale-check-seconds)
            receiver.upstreamStatus = 500;
            JsonObject opened = receiver.next(DataTrustIT.ALERT_SECRET);
            assertEquals("data.stale", opened.getString("type"));
            assertEquals("open", opened.getString("state"));
            assertEquals(integration, opened.getJsonNumber("integration_id").longValue());
            // both instances go on looking, five times each: still one alert, one message
            Thread.sleep(5_000);
            assertTrue(receiver.alerts.isEmpty(), "one open message for one condition on two instances: " + receiver.alerts);
            var open = b.api().asAdmin().get("dashboard/organizations/" + org + "/alerts?state=open").expect(200).dataArray();
            assertEquals(1, open.size());
            assertEquals("data.stale", open.getJsonObject(0).getString("type"));
            assertEquals(opened.getString("id"), open.getJsonObject(0).getString("id"));

            // fresh data (a refresh, on B) resolves it, once
            receiver.upstreamBody = "{\"temp\": 21}";
            receiver.upstreamStatus = 200;
            b.api().asAdmin().post("dashboard/widget-configs/" + config + "/refresh", "").expect(202);
            JsonObject resolved = receiver.next(DataTrustIT.ALERT_SECRET);
            assertEquals("data.stale", resolved.getString("type"));
            assertEquals("resolved", resolved.getString("state"));
            assertEquals(opened.getString("id"), resolved.getString("id"));
            await(Duration.ofSeconds(10), () -> player.get(data).json().getInt("version") == 2, "players on B get the fresh data");
            Thread.sleep(3000);
            assertTrue(receiver.alerts.isEmpty(), "resolved once, and fresh data opens nothing: " + receiver.alerts);
            assertEquals(0, adminA.get("dashboard/organizations/" + org + "/alerts?state=open").expect(200).dataArray().size());
        }
    }

    @Test
    void historyKeepsTheNewestVersionsAndThePinnedOne() {
        Api adminA = a.api().asAdmin();
        String widget = "trust-r-" + UUID.randomUUID().toString().substring(0, 8);
        adminA.post("dashboard/widgets", "{\"id\":\"" + widget + "\",\"name\":\"Retention " + widget + "\"}").expect(201);
        long integration = adminA.post("dashboard/widgets/" + widget + "/integrations", DataTrustIT.OPEN_INTEGRATION.formatted(widget))
                .expect(201).data().getJsonNumber("id").longValue();
        String org = adminA.createOrganization("Retention");
        String config = adminA.post("dashboard/organizations/" + org + "/widget-configs",
                "{\"widget_id\":\"" + widget + "\",\"name\":\"Lobby\",\"options\":{}}").expect(201).data().getString("id");
        String data = "dashboard/widget-configs/" + config + "/data";
        String webhook = "webhooks/widgets/" + integration + "/" + config;
        a.api().anonymous().post(webhook, "{\"data\":{\"n\":1}}").expect(200);
        adminA.put(data + "/pin", "{\"version\":1}").expect(200);
        for (int n = 2; n <= 6; n++) {
            a.api().anonymous().post(webhook, "{\"data\":{\"n\":" + n + "}}").expect(200);
        }
        // HOLLERITH_DATA_HISTORY_VERSIONS=3, DAYS=0: versions 6, 5, 4 stay, and 1 because it is pinned
        await(Duration.ofSeconds(30), () -> adminA.get(data + "/versions").json().getJsonObject("meta").getInt("total") == 4,
                "the history is pruned to the newest three and the pinned version");
        assertEquals(java.util.List.of(6, 5, 4, 1), adminA.get(data + "/versions").expect(200).json().getJsonArray("data").stream()
                .map(v -> v.asJsonObject().getInt("version")).toList());
        adminA.get(data + "/versions/2").expect(404);
        assertEquals(1, b.api().asAdmin().get(data + "/versions/1").expect(200).data().getJsonObject("data").getInt("n"));
    }

    static void await(Duration timeout, Supplier<Boolean> condition, String what) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (condition.get()) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting: " + what);
            }
        }
        throw new AssertionError("timed out: " + what);
    }
}
