package dev.hollerith.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** RSS pull integrations against a WireMock upstream that counts every request: one feed URL per widget config. */
public record Feeds(String tag, long integrationId, List<String> configs) {

    public static WireMockServer upstream() {
        return upstream(Duration.ofMillis(100));
    }

    /** @param delay how long each answer takes: slow answers keep pulls in flight while other instances tick */
    public static WireMockServer upstream(Duration delay) {
        WireMockServer upstream = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        upstream.start();
        upstream.stubFor(get(urlPathMatching("/feeds/.*")).willReturn(aResponse().withStatus(200).withFixedDelay((int) delay.toMillis())
                .withHeader("Content-Type", "application/rss+xml")
                .withBody("<rss version=\"2.0\"><channel><title>Cluster</title><item><title>x</title></item></channel></rss>")));
        return upstream;
    }

    public static Feeds create(Api admin, WireMockServer upstream, int count) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String widget = "cluster-feed-" + tag;
        admin.post("dashboard/widgets", "{\"id\":\"" + widget + "\",\"name\":\"Cluster feed\"}").expect(201);
        long integration = admin.post("dashboard/widgets/" + widget + "/integrations", """
                {"widget_id":"%s","name":"rss","integration_type":"pull","credential_scope":"widget","credential_schema":{},
                 "config_schema":{"feed_url":{"type":"string","required":true},"max_items":{"type":"number","default":10}},
                 "pull_interval_seconds":3600}
                """.formatted(widget)).expect(201).data().getJsonNumber("id").longValue();
        String org = admin.createOrganization("Cluster feeds");
        List<String> configs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            configs.add(admin.post("dashboard/organizations/" + org + "/widget-configs", "{\"widget_id\":\"" + widget
                    + "\",\"name\":\"Feed " + i + "\",\"options\":{\"feed_url\":\"" + upstream.baseUrl() + "/feeds/" + tag + "/" + i + ".xml\"}}")
                    .expect(201).data().getString("id"));
        }
        return new Feeds(tag, integration, List.copyOf(configs));
    }

    public void awaitVersions(int count, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        int stored = 0;
        while (Instant.now().isBefore(deadline)) {
            stored = Integer.parseInt(TestDatabase.strings("SELECT COUNT(*) FROM integration_data WHERE integration_id = ? AND version > 0",
                    integrationId).get(0));
            if (stored >= count) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("only " + stored + " of " + count + " feeds were pulled within " + timeout);
    }

    public int requests(WireMockServer upstream) {
        return upstream.findAll(getRequestedFor(urlPathMatching("/feeds/" + tag + "/.*"))).size();
    }

    public void awaitRequests(WireMockServer upstream, int count, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline) && requests(upstream) < count) {
            Thread.sleep(200);
        }
    }

    public void assertEachRequested(WireMockServer upstream, int times) {
        for (int i = 0; i < configs.size(); i++) {
            assertEquals(times, upstream.findAll(getRequestedFor(urlPathEqualTo("/feeds/" + tag + "/" + i + ".xml"))).size(),
                    "feed " + i + " must be fetched exactly " + times + " time(s) by the cluster");
        }
    }

    /**
     * The second round of an exactly-once check on two instances: every feed made due at once,
     * through each instance in turn, so that both race for the jobs; then each feed must have been
     * fetched exactly twice (once more than in the first round), also a while after the last fetch.
     */
    public void refreshThroughBothAndAssertEachFetchedTwice(Api a, Api b, WireMockServer upstream, Duration timeout)
            throws InterruptedException {
        for (int i = 0; i < configs.size(); i++) {
            (i % 2 == 0 ? a : b).post("dashboard/widget-configs/" + configs.get(i) + "/refresh", "").expect(202);
        }
        awaitRequests(upstream, 2 * configs.size(), timeout);
        Thread.sleep(2_000);
        assertEachRequested(upstream, 2);
    }
}
