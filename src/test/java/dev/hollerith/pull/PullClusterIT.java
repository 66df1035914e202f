package dev.hollerith.pull;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.hollerith.testing.Api;
import dev.hollerith.testing.Feeds;
import dev.hollerith.testing.OwnServers;
import dev.hollerith.testing.PayaraProcess;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two instances on one database, each with its own timer ticking every 100 ms and reconciling jobs
 * every second: every due pull still runs exactly once (counted at the fake upstream). The second
 * instance reaches the embedded H2 database through the first one's AUTO_SERVER.
 * <p>
 * H2 pass only: on PostgreSQL ({@code HOLLERITH_TEST_DB_URL}, leases taken with FOR UPDATE SKIP
 * LOCKED) {@code ClusterIT.aHundredDuePullsRunExactlyOnceAcrossBothInstances} proves the same on
 * the shared cluster's two nodes (the same ticks, answers that take 100 ms, 100 feeds, the same two
 * rounds; the pull engine takes its leases in the database, not in the data grid the nodes share),
 * so this class would only add two boots there.
 */
@ExtendWith(OwnServers.class)
@DisabledIfSystemProperty(named = "it.db.url", matches = "jdbc:postgresql:.*",
        disabledReason = "on PostgreSQL ClusterIT.aHundredDuePullsRunExactlyOnceAcrossBothInstances proves it on the shared cluster")
class PullClusterIT {

    static final int FEEDS = 24;

    @Test
    void twoSchedulersOnOneDatabaseRunEachDuePullOnce() throws Exception {
        // slow answers keep runs in flight while the other instance ticks
        WireMockServer upstream = Feeds.upstream(Duration.ofMillis(300));
        try (PayaraProcess a = scheduler().start(); PayaraProcess b = scheduler().start()) {
            Api adminA = a.api().asAdmin();
            Api adminB = b.api().asAdmin();
            Feeds feeds = Feeds.create(adminA, upstream, FEEDS);

            // round 1: both instances reconcile (create the jobs) and lease them
            feeds.awaitVersions(FEEDS, Duration.ofSeconds(90));
            Thread.sleep(2000);
            feeds.assertEachRequested(upstream, 1);

            // round 2: refreshes on both instances make every job due at once, both instances race for them
            for (int i = 0; i < FEEDS; i++) {
                (i % 2 == 0 ? adminA : adminB).post("dashboard/widget-configs/" + feeds.configs().get(i) + "/refresh", "").expect(202);
            }
            feeds.awaitRequests(upstream, 2 * FEEDS, Duration.ofSeconds(60));
            Thread.sleep(2000);
            feeds.assertEachRequested(upstream, 2);
        } finally {
            upstream.stop();
        }
    }

    static PayaraProcess scheduler() {
        return new PayaraProcess().property("hollerith.pull.tick-ms", "100").property("hollerith.pull.reconcile-seconds", "1");
    }
}
