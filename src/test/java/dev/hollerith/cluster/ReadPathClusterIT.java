package dev.hollerith.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.hollerith.testing.Api;
import dev.hollerith.testing.ApiResponse;
import dev.hollerith.testing.HollerithWar;
import dev.hollerith.testing.PayaraProcess;
import dev.hollerith.testing.SharedCluster;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The read path's near caches stay true across a cluster (issue 12): each instance answers the
 * player's poll from its own memory, and what changes on one instance (a new version, a revoked
 * key, a logout, a deleted config) is honoured by the other within a second.
 */
@ExtendWith(SharedCluster.class)
class ReadPathClusterIT {

    private static final Duration WITHIN = Duration.ofSeconds(1);

    private static PayaraProcess a;
    private static PayaraProcess b;

    @BeforeAll
    static void twoInstances(SharedCluster.Cluster cluster) {
        a = cluster.a;
        b = cluster.b;
    }

    @Test
    void aNewVersionWrittenOnAIsServedByBWithinASecond() {
        Push push = Push.create(a.api().asAdmin(), "near");
        String config = push.configs().get(0);
        Api playerB = b.api().as(push.playerKey());
        long first = push.deliver(a, config, 1);
        String poll = "dashboard/widget-configs/" + config + "/data?version=" + first;
        playerB.get(poll).expect(304); // B's near caches now hold the binding and the version
        playerB.get(poll).expect(304);

        long second = push.deliver(a, config, 2);
        long waited = awaitWithin(() -> playerB.get(poll).status() == 200, "B serves version " + second);
        JsonObject body = playerB.get(poll).expect(200).json();
        assertEquals(second, body.getJsonNumber("version").longValue());
        assertEquals(2, body.getJsonObject("data").getInt("n"));
        playerB.get("dashboard/widget-configs/" + config + "/data?version=" + second).expect(304);
        System.out.printf("ReadPathClusterIT: new version served on the other instance after %d ms%n", waited);
    }

    @Test
    void anApiKeyRevokedOnAIsRefusedByBWithinASecond() {
        Push push = Push.create(a.api().asAdmin(), "revoke");
        String config = push.configs().get(0);
        long version = push.deliver(a, config, 1);
        Api adminA = a.api().asAdmin();
        JsonObject issued = adminA.post("dashboard/organizations/" + push.organizationId() + "/api-keys",
                "{\"name\":\"screen\",\"role\":\"player\"}").expect(201).data();
        Api playerB = b.api().as(issued.getString("key"));
        String poll = "dashboard/widget-configs/" + config + "/data?version=" + version;
        playerB.get(poll).expect(304); // verified on B: in B's memory now
        playerB.get(poll).expect(304);

        adminA.delete("dashboard/organizations/" + push.organizationId() + "/api-keys/" + issued.getString("id")).expect(204);
        long waited = awaitWithin(() -> playerB.get(poll).status() == 401, "B refuses the revoked key");
        ApiResponse refused = playerB.get(poll).expect(401);
        assertTrue(refused.body().startsWith("{\"error\""), refused.body());
        System.out.printf("ReadPathClusterIT: revoked key refused on the other instance after %d ms%n", waited);
    }

    @Test
    void aSessionClosedOnAIsRefusedByBWithinASecond() {
        String token = a.api().signIn(HollerithWar.ADMIN_EMAIL, HollerithWar.ADMIN_PASSWORD);
        Api onB = b.api().as(token);
        onB.get("dashboard/sessions/current").expect(200);
        onB.get("dashboard/sessions/current").expect(200);
        a.api().as(token).delete("dashboard/sessions/current").expect(204);
        awaitWithin(() -> onB.get("dashboard/sessions/current").status() == 401, "B refuses the closed session");
    }

    @Test
    void aConfigDeletedOnAIsUnknownToBWithinASecond() {
        Push push = Push.create(a.api().asAdmin(), "delete");
        String config = push.configs().get(0);
        long version = push.deliver(a, config, 1);
        Api playerB = b.api().as(push.playerKey());
        String poll = "dashboard/widget-configs/" + config + "/data?version=" + version;
        playerB.get(poll).expect(304);
        playerB.get(poll).expect(304);

        a.api().asAdmin().delete("dashboard/widget-configs/" + config).expect(204);
        awaitWithin(() -> playerB.get(poll).status() == 404, "B forgets the deleted config");
        assertTrue(playerB.get(poll).expect(404).error().contains("not found"));
    }

    /** Polls until the condition holds; fails unless it held within {@link #WITHIN}. Returns the milliseconds it took. */
    static long awaitWithin(Supplier<Boolean> condition, String what) {
        long start = System.nanoTime();
        while (true) {
            boolean held = condition.get();
            long waited = (System.nanoTime() - start) / 1_000_000;
            if (held) {
                assertTrue(waited <= WITHIN.toMillis(), what + " took " + waited + " ms");
                return waited;
            }
            if (waited > 5 * WITHIN.toMillis()) {
                fail(what + ": not within " + waited + " ms");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }
}
