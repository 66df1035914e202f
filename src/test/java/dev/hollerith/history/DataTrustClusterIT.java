package dev.hollerith.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void aPinSetOnOneInstanceHoldsPlayersOnTheOther() {
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

        adminA.put(data + "/pin", "{\"version\":1}").expect(200);
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
