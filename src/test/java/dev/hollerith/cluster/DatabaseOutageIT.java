package dev.hollerith.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.hollerith.testing.Api;
import dev.hollerith.testing.ApiResponse;
import dev.hollerith.testing.PayaraProcess;
import dev.hollerith.testing.SharedCluster;
import dev.hollerith.testing.TcpProxy;
import dev.hollerith.testing.TestDatabase;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * PostgreSQL goes away under a steady write load and comes back, for one Payara Micro: writes
 * answer 503 (never a success without a commit), what is cached still answers, /health is DOWN,
 * and everything recovers on its own once the database is reachable again.
 * The database is taken away by a TCP proxy between the server and PostgreSQL that resets every
 * connection and refuses new ones, as a crashed or unreachable database does. The server is the
 * shared cluster's node B, which reaches PostgreSQL through such a proxy (no boot of its own);
 * node A keeps its database, as the other nodes of a cluster would.
 */
@ExtendWith(SharedCluster.class)
class DatabaseOutageIT {

    private static TcpProxy proxy;
    private static PayaraProcess server;

    @BeforeAll
    static void nodeB(SharedCluster.Cluster cluster) {
        proxy = cluster.databaseOfB;
        server = cluster.b;
    }

    @Test
    void writesAnswer503WhileTheDatabaseIsGoneAndNothingAcknowledgedIsLost() throws Exception {
        Api admin = server.api().asAdmin();
        String org = admin.createOrganization("Outage");
        String memberKey = admin.createKey(org, "member");
        Api member = server.api().as(memberKey);
        member.get("dashboard/sessions/current").expect(200); // verified once: now in the grid's token cache
        Push push = Push.create(admin, "outage", 3);
        String shown = push.configs().get(0); // what a player shows: its current version is cached in the grid
        long shownVersion = admin.anonymous().post(push.path(shown), "{\"data\":{\"n\":0}}").expect(200).json()
                .getJsonNumber("version").longValue();
        Api player = server.api().as(push.playerKey());
        String poll = "dashboard/widget-configs/" + shown + "/data?version=" + shownVersion;
        player.get(poll).expect(304);
        assertTrue(proxy.acceptedConnections() > 0, "the server reaches PostgreSQL through the proxy");

        String run = "outage-" + System.nanoTime();
        Map<String, Integer> answers = new ConcurrentHashMap<>();
        Set<Integer> statusesDuringOutage = ConcurrentHashMap.newKeySet();
        AtomicBoolean outage = new AtomicBoolean();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger sequence = new AtomicInteger();
        ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        int writers = 4;
        CountDownLatch stopped = new CountDownLatch(writers);
        ExecutorService load = Executors.newFixedThreadPool(writers);
        Map<String, Integer> webhookAnswers = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> webhooksAcknowledged = new ConcurrentLinkedQueue<>();
        for (int w = 0; w < writers; w++) {
            // half the writers create organizations, half deliver webhooks (the hot write path)
            String webhookTarget = w % 2 == 0 ? null : push.configs().get(1 + w / 2);
            load.execute(() -> {
                try {
                    while (running.get()) {
                        String name = run + "-" + sequence.incrementAndGet();
                        boolean during = outage.get();
                        try {
                            ApiResponse answer;
                            if (webhookTarget == null) {
                                answer = admin.post("dashboard/organizations", "{\"name\":\"" + name + "\"}");
                                answers.put(name, answer.status());
                            } else {
                                answer = admin.anonymous().post(push.path(webhookTarget), "{\"data\":{\"name\":\"" + name + "\"}}");
                                webhookAnswers.put(name, answer.status());
                                if (answer.status() == 200) {
                                    webhooksAcknowledged.add(webhookTarget + ":" + answer.json().getJsonNumber("version").longValue());
                                }
                            }
                            if (during && outage.get()) { // sent and answered while the database was gone
                                statusesDuringOutage.add(answer.status());
                            }
                            if (answer.status() / 100 != 2 && answer.status() != 503) {
                                unexpected.add(answer.status() + " " + answer.body());
                            } else if (answer.status() == 503 && !answer.body().contains("\"error\"")) {
                                unexpected.add("503 without a JSON error: " + answer.body());
                            }
                        } catch (UncheckedIOException connectionLost) {
                            answers.put(name, -1); // no answer at all: not acknowledged either
                        }
                    }
                } finally {
                    stopped.countDown();
                }
            });
        }

        Thread.sleep(1_500);
        proxy.cut();
        outage.set(true);
        Instant cutAt = Instant.now();
        try {
            Thread.sleep(1_000);
            ApiResponse health = server.api().get("health");
            assertEquals(503, health.status(), "health during the outage: " + health.body());
            assertEquals("DOWN", health.json().getString("status"));
            assertTrue(health.body().contains("\"database\""), health.body());

            // a verified token is in the grid: authentication needs no database
            member.get("dashboard/sessions/current").expect(200);
            // a player that holds the current version is answered from the grid
            player.get(poll).expect(304);
            // a read that needs the database fails fast and clearly
            ApiResponse read = member.get("dashboard/organizations/" + org);
            assertEquals(503, read.status(), read.body());
            assertEquals("5", read.header("Retry-After").orElse(null));
            assertTrue(Duration.between(cutAt, Instant.now()).toSeconds() < 10, "outage answers come at once, not after retries");

            Thread.sleep(1_500);
        } finally {
            outage.set(false);
            proxy.restore();
        }
        Instant restoredAt = Instant.now();
        awaitHealthy(Duration.ofSeconds(30));
        Duration recovery = Duration.between(restoredAt, Instant.now());
        // writes succeed again on the same process: no restart
        Thread.sleep(1_500);
        running.set(false);
        assertTrue(stopped.await(60, TimeUnit.SECONDS), "load stopped");
        load.shutdown();

        assertTrue(unexpected.isEmpty(), "only 201 or 503 with a JSON error, got: " + unexpected);
        assertEquals(Set.of(503), statusesDuringOutage, "every write and webhook sent and answered during the outage got 503");

        List<String> acknowledged = new ArrayList<>();
        answers.forEach((name, status) -> {
            if (status == 201) {
                acknowledged.add(name);
            }
        });
        Set<String> stored = Set.copyOf(TestDatabase.strings("select name from organization where name like ?", run + "-%"));
        List<String> lost = acknowledged.stream().filter(name -> !stored.contains(name)).toList();
        assertEquals(List.of(), lost, "every acknowledged write is in the database");
        Set<String> deliveries = Set.copyOf(TestDatabase.strings(
                "select widget_config_id || ':' || data_version from webhook_delivery where integration_id = ? and outcome = 'accepted'",
                push.integrationId()));
        List<String> lostWebhooks = webhooksAcknowledged.stream().filter(delivery -> !deliveries.contains(delivery)).toList();
        assertEquals(List.of(), lostWebhooks, "every acknowledged webhook is in the database");
        assertTrue(webhookAnswers.containsValue(503) && webhookAnswers.containsValue(200), "webhooks: " + webhookAnswers.values());
        long storedButRefused = answers.entrySet().stream().filter(e -> e.getValue() != 201 && stored.contains(e.getKey())).count();

        Map<Integer, Integer> histogram = new TreeMap<>();
        answers.values().forEach(status -> histogram.merge(status, 1, Integer::sum));
        Map<Integer, Integer> webhookHistogram = new TreeMap<>();
        webhookAnswers.values().forEach(status -> webhookHistogram.merge(status, 1, Integer::sum));
        System.out.printf("DatabaseOutageIT: %d writes %s, %d acknowledged, all stored, %d refused but stored (commit outcome unknown at the cut); "
                        + "%d webhooks %s, %d acknowledged, all stored; health UP %d ms after the database returned%n",
                answers.size(), histogram, acknowledged.size(), storedButRefused,
                webhookAnswers.size(), webhookHistogram, webhooksAcknowledged.size(), recovery.toMillis());
        assertTrue(histogram.getOrDefault(201, 0) > 0, "writes succeeded before and after the outage");

        // recovered without a restart: the same process writes and reads again
        String after = admin.createOrganization("After outage");
        member.get("dashboard/organizations/" + org).expect(200);
        assertEquals(List.of(after), TestDatabase.strings("select id from organization where id = ?", after));
    }

    private static void awaitHealthy(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        ApiResponse last = null;
        while (Instant.now().isBefore(deadline)) {
            last = server.api().get("health");
            if (last.status() == 200) {
                return;
            }
            Thread.sleep(200);
        }
        fail("health did not come back within " + timeout + " after the database returned: " + (last == null ? "" : last.body()));
    }
}
