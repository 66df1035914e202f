package dev.hollerith.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.hollerith.testing.Api;
import dev.hollerith.testing.ApiResponse;
import dev.hollerith.testing.Feeds;
import dev.hollerith.testing.OwnServers;
import dev.hollerith.testing.PayaraProcess;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The embedded H2 database on files of its own, in one lifecycle of three servers:
 * <ol>
 * <li>kill -9 under webhook load, with the database's default URL; then a restart on the same
 *     files: every acknowledged delivery is there, each config's stored version is at least the
 *     highest one acknowledged, holds the data acknowledged as that version, and the next delivery
 *     gets a version never handed out before (a player that saw vN never gets different data as vN);</li>
 * <li>a second instance beside the restarted one, reaching the files through its AUTO_SERVER, each
 *     with its own timer ticking every 100 ms and reconciling jobs every second: every due pull
 *     still runs exactly once (counted at the fake upstream).</li>
 * </ol>
 * H2 pass only: PostgreSQL is durable at commit, and there {@code ClusterIT} proves exactly-once
 * pulls on the shared cluster's two nodes (the same ticks, 100 ms answers, 100 feeds, the same two
 * rounds; the pull engine takes its leases in the database, not in the data grid).
 */
@ExtendWith(OwnServers.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisabledIfSystemProperty(named = "it.db.url", matches = "jdbc:postgresql:.*",
        disabledReason = "the embedded database's case; on PostgreSQL ClusterIT proves exactly-once pulls on the shared cluster")
class EmbeddedDatabaseIT {

    static final int FEEDS = 24;

    static Path data;
    /** The application's default URL (microprofile-config.properties) on this class's own files. */
    static String defaultUrl;
    /** The same files open to a second process (H2 refuses AUTO_SERVER together with DB_CLOSE_ON_EXIT=FALSE). */
    static String sharedUrl;
    static PayaraProcess restarted;

    @BeforeAll
    static void files() throws IOException {
        data = Files.createTempDirectory("hollerith-embedded");
        defaultUrl = "jdbc:h2:file:" + data + "/hollerith;MODE=LEGACY;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
        sharedUrl = "jdbc:h2:file:" + data + "/hollerith;MODE=LEGACY;WRITE_DELAY=0;AUTO_SERVER=TRUE";
    }

    @AfterAll
    static void stop() {
        if (restarted != null) {
            restarted.close();
        }
        deleteQuietly(data);
    }

    private static final String INTEGRATION = """
            {"widget_id": "%s", "name": "push", "integration_type": "push", "credential_scope": "widget",
             "credential_schema": {"api_key": {"type": "string", "required": true, "sensitive": true}},
             "push_config": {"api_key_credential": "api_key"}}
            """;

    /** What a config's senders were told: the highest version acknowledged, and the data sent with it. */
    record Acknowledged(long version, JsonObject data) {
    }

    @Test
    @Order(1)
    void acknowledgedDeliveriesSurviveKillMinus9() throws Exception {
        List<String> configs = new ArrayList<>();
        String path;
        Map<String, Acknowledged> acknowledged = new ConcurrentHashMap<>();
        AtomicInteger acks = new AtomicInteger();
        try (PayaraProcess first = node(defaultUrl).start()) {
            Api admin = first.api().asAdmin();
            String widget = "crash-" + System.nanoTime();
            admin.post("dashboard/widgets", "{\"id\":\"" + widget + "\",\"name\":\"crash\"}").expect(201);
            long integration = admin.post("dashboard/widgets/" + widget + "/integrations", INTEGRATION.formatted(widget))
                    .expect(201).data().getJsonNumber("id").longValue();
            String org = admin.createOrganization("Crash");
            for (int i = 0; i < 4; i++) {
                String config = admin.post("dashboard/organizations/" + org + "/widget-configs",
                        Json.createObjectBuilder().add("widget_id", widget).add("name", "c" + i).add("options", JsonValue.EMPTY_JSON_OBJECT)
                                .build().toString()).expect(201).data().getString("id");
                admin.post("dashboard/widget-configs/" + config + "/credentials",
                        "{\"integration_id\":" + integration + ",\"credentials\":{\"api_key\":\"k\"}}").expect(201);
                configs.add(config);
            }
            path = "webhooks/widgets/" + integration + "/";
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService senders = Executors.newFixedThreadPool(8);
            for (int t = 0; t < 8; t++) {
                int sender = t;
                senders.execute(() -> {
                    Api api = first.api().anonymous().with("X-API-Key", "k");
                    for (int n = 0; running.get(); n++) {
                        String config = configs.get((sender + n) % configs.size());
                        JsonObject sent = Json.createObjectBuilder().add("sender", sender).add("n", n).build();
                        try {
                            ApiResponse answer = api.post(path + config, Json.createObjectBuilder().add("data", sent).build().toString());
                            if (answer.status() == 200) {
                                long version = answer.json().getJsonNumber("version").longValue();
                                acks.incrementAndGet();
                                acknowledged.merge(config, new Acknowledged(version, sent), (a, b) -> a.version() >= b.version() ? a : b);
                            }
                        } catch (UncheckedIOException | IllegalStateException killed) {
                            return;
                        }
                    }
                });
            }
            // kill in the middle of the load, once it is real (a busy build machine may need a while to warm up)
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (acks.get() < 50 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(500);
            first.kill();
            running.set(false);
            senders.shutdown();
            assertTrue(senders.awaitTermination(90, TimeUnit.SECONDS));
        }
        assertTrue(acks.get() >= 50, "the load was real: " + acks.get() + " acknowledged");
        // the restart, on the same files; it stays up for the second instance of the next test
        restarted = node(sharedUrl).start();
        Api admin = restarted.api().asAdmin();
        for (String config : configs) {
            Acknowledged last = acknowledged.get(config);
            if (last == null) {
                continue;
            }
            JsonObject stored = admin.get("dashboard/widget-configs/" + config + "/data").expect(200).json();
            long version = stored.getJsonNumber("version").longValue();
            assertTrue(version >= last.version(), config + ": acknowledged v" + last.version() + ", stored v" + version);
            if (version == last.version()) {
                assertEquals(last.data(), stored.getJsonObject("data"), "v" + version + " holds what was acknowledged as v" + version);
            }
            long next = restarted.api().anonymous().with("X-API-Key", "k")
                    .post(path + config, "{\"data\":{\"after\":\"restart\"}}").expect(200).json().getJsonNumber("version").longValue();
            assertEquals(version + 1, next, "a version is never handed out twice");
        }
    }

    @Test
    @Order(2)
    void twoSchedulersOnOneDatabaseRunEachDuePullOnce() throws Exception {
        // slow answers keep runs in flight while the other instance ticks
        Assumptions.assumeTrue(restarted != null, "the first test's restart did not come up");
        WireMockServer upstream = Feeds.upstream(Duration.ofMillis(300));
        try (PayaraProcess b = node(sharedUrl).start()) {
            PayaraProcess a = restarted;
            Api adminA = a.api().asAdmin();
            Api adminB = b.api().asAdmin();
            Feeds feeds = Feeds.create(adminA, upstream, FEEDS);

            // round 1: both instances reconcile (create the jobs) and lease them
            // (counted at the upstream: Feeds.awaitVersions reads the suite's database, not these files)
            feeds.awaitRequests(upstream, FEEDS, Duration.ofSeconds(90));
            Thread.sleep(2000);
            feeds.assertEachRequested(upstream, 1);

            // round 2: refreshes on both instances make every job due at once, both instances race for them
            feeds.refreshThroughBothAndAssertEachFetchedTwice(adminA, adminB, upstream, Duration.ofSeconds(60));
        } finally {
            upstream.stop();
        }
    }

    /** Pull ticks every 100 ms and reconciles every second, for the second test; webhooks unlimited, for the first. */
    private static PayaraProcess node(String url) {
        return new PayaraProcess().property("hollerith.data.dir", data.toString()).property("hollerith.db.url", url)
                .property("hollerith.ratelimit.webhooks-per-hour", "1000000000")
                .property("hollerith.pull.tick-ms", "100").property("hollerith.pull.reconcile-seconds", "1");
    }

    private static void deleteQuietly(Path directory) {
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory: the OS cleans it eventually
        }
    }
}
