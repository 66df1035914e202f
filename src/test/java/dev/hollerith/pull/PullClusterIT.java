package dev.hollerith.pull;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.hollerith.testing.Api;
import dev.hollerith.testing.PayaraProcess;
import dev.hollerith.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one database, each with its own timer ticking every 100 ms and reconciling jobs
 * every second: every due pull still runs exactly once (counted at the fake upstream). On H2 the
 * second instance reaches the database through the first one's AUTO_SERVER; on PostgreSQL
 * ({@code HOLLERITH_TEST_DB_URL}) the leases use FOR UPDATE SKIP LOCKED.
 */
class PullClusterIT {

    static final int FEEDS = 24;

    @Test
    void twoSchedulersOnOneDatabaseRunEachDuePullOnce() throws Exception {
        WireMockServer upstream = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        upstream.start();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        // slow answers keep runs in flight while the other instance ticks
        upstream.stubFor(get(urlPathMatching("/cluster/" + tag + "/.*")).willReturn(aResponse().withStatus(200).withFixedDelay(300)
                .withHeader("Content-Type", "application/rss+xml")
                .withBody("<rss version=\"2.0\"><channel><title>Cluster</title><item><title>x</title></item></channel></rss>")));
        try (PayaraProcess a = scheduler().start(); PayaraProcess b = scheduler().start()) {
            Api adminA = a.api().asAdmin();
            Api adminB = b.api().asAdmin();
            String widget = "cluster-feed-" + tag;
            adminA.post("dashboard/widgets", "{\"id\":\"" + widget + "\",\"name\":\"Cluster feed\"}").expect(201);
            long integration = adminA.post("dashboard/widgets/" + widget + "/integrations", """
                    {"widget_id":"%s","name":"rss","integration_type":"pull","credential_scope":"widget","credential_schema":{},
                     "config_schema":{"feed_url":{"type":"string","required":true},"max_items":{"type":"number","default":10}},
                     "pull_interval_seconds":3600}
                    """.formatted(widget)).expect(201).data().getJsonNumber("id").longValue();
            String org = adminA.createOrganization("Cluster");
            List<String> configs = new ArrayList<>();
            for (int i = 0; i < FEEDS; i++) {
                configs.add(adminA.post("dashboard/organizations/" + org + "/widget-configs", "{\"widget_id\":\"" + widget
                        + "\",\"name\":\"Feed " + i + "\",\"options\":{\"feed_url\":\"" + upstream.baseUrl() + "/cluster/" + tag + "/" + i + ".xml\"}}")
                        .expect(201).data().getString("id"));
            }

            // round 1: both instances reconcile (create the jobs) and lease them
            awaitVersionsStored(integration, FEEDS);
            Thread.sleep(2000);
            assertEachFeedRequested(upstream, tag, 1);

            // round 2: refreshes on both instances make every job due at once, both instances race for them
            for (int i = 0; i < FEEDS; i++) {
                (i % 2 == 0 ? adminA : adminB).post("dashboard/widget-configs/" + configs.get(i) + "/refresh", "").expect(202);
            }
            Instant deadline = Instant.now().plusSeconds(60);
            while (Instant.now().isBefore(deadline) && upstream.findAll(getRequestedFor(urlPathMatching("/cluster/" + tag + "/.*"))).size() < 2 * FEEDS) {
                Thread.sleep(200);
            }
            Thread.sleep(2000);
            assertEachFeedRequested(upstream, tag, 2);
        } finally {
            upstream.stop();
        }
    }

    static PayaraProcess scheduler() {
        return new PayaraProcess().property("hollerith.pull.tick-ms", "100").property("hollerith.pull.reconcile-seconds", "1");
    }

    static void awaitVersionsStored(long integration, int count) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            if (Integer.parseInt(TestDatabase.strings("SELECT COUNT(*) FROM integration_data WHERE integration_id = ? AND version > 0",
                    integration).get(0)) == count) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not all " + count + " feeds were pulled");
    }

    static void assertEachFeedRequested(WireMockServer upstream, String tag, int times) {
        for (int i = 0; i < FEEDS; i++) {
            assertEquals(times, upstream.findAll(getRequestedFor(urlPathEqualTo("/cluster/" + tag + "/" + i + ".xml"))).size(),
                    "feed " + i + " must be fetched exactly " + times + " time(s) by the two instances together");
        }
    }
}
