package dev.hollerith.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.hollerith.platform.RawHttp;
import dev.hollerith.testing.Api;
import dev.hollerith.testing.ApiResponse;
import dev.hollerith.testing.Feeds;
import dev.hollerith.testing.PayaraProcess;
import dev.hollerith.testing.SharedCluster;
import dev.hollerith.testing.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two Payara Micro instances on loopback, one data grid (explicit TCP/IP discovery, as
 * README "Running a cluster" describes), one PostgreSQL: they behave as one system. Runs last of the
 * {@link SharedCluster} classes: it kills node B and starts it again.
 */
@ExtendWith(SharedCluster.class)
@Order(Order.DEFAULT + 1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final int PULLS = 100;

    private static SharedCluster.Cluster cluster;
    private static PayaraProcess a;
    private static PayaraProcess b;
    private static WireMockServer upstream;
    private static Feeds feeds;

    @BeforeAll
    static void twoInstances(SharedCluster.Cluster shared) {
        cluster = shared;
        a = shared.a;
        b = shared.b;
        upstream = Feeds.upstream();
    }

    @AfterAll
    static void stopRestartedInstance() {
        if (b != null && b != cluster.b) {
            b.close();
        }
        if (upstream != null) {
            upstream.stop();
        }
    }

    @Test
    @Order(1)
    void bothInstancesJoinOneDataGrid() {
        // Payara logs the grid's members whenever one joins; A sees B arrive on B's grid port
        await(Duration.ofSeconds(30), () -> a.log().contains("Data Grid Instance Added")
                && a.log().contains("127.0.0.1:" + cluster.gridPortB), "A sees B join its data grid:\n" + tail(a.log()));
        assertTrue(b.log().contains("DataGrid: " + cluster.name), "B is in the grid named " + cluster.name);
    }

    /** The limit is per account and source address (issue 14): the 30 come from 127.0.0.1, to both nodes. */
    @Test
    @Order(2)
    void aSignInLimitSpentOnAIsEnforcedOnB() {
        String email = "limit-" + System.nanoTime() + "@example.com";
        String wrong = Json.createObjectBuilder().add("email", email).add("password", "not the password").build().toString();
        for (int i = 1; i <= 30; i++) {
            a.api().post("dashboard/sessions", wrong).expect(401);
        }
        ApiResponse onB = b.api().post("dashboard/sessions", wrong).expect(429);
        assertTrue(onB.header("Retry-After").isPresent(), "429 says when to retry");
        assertTrue(onB.header("RateLimit-Policy").orElse("").contains("q=30"), onB.header("RateLimit-Policy").orElse(""));
        a.api().post("dashboard/sessions", wrong).expect(429);
        // another address is another caller: the account is not locked for it, on either node
        RawHttp.Exchange elsewhere = RawHttp.send(b.url(), "127.0.0.2", RawHttp.bytes("POST /dashboard/sessions HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + wrong.length() + "\r\nConnection: close\r\n\r\n" + wrong));
        assertEquals(401, elsewhere.status(), elsewhere.text());
    }

    @Test
    @Order(3)
    void anApiKeyRevokedOnAStopsWorkingOnBAtOnce() {
        Api adminA = a.api().asAdmin();
        String org = adminA.createOrganization("Revocation");
        JsonObject issued = adminA.post("dashboard/organizations/" + org + "/api-keys",
                "{\"name\":\"kiosk\",\"role\":\"member\"}").expect(201).data();
        String key = issued.getString("key");
        Api onB = b.api().as(key);
        onB.get("dashboard/organizations/" + org).expect(200); // verified on B: remembered in the grid
        onB.get("dashboard/organizations/" + org).expect(200);

        adminA.delete("dashboard/organizations/" + org + "/api-keys/" + issued.getString("id")).expect(204);

        // B remembers verified keys in its own memory; A's revocation reaches it through the grid within a second
        await(Duration.ofSeconds(1), () -> onB.get("dashboard/organizations/" + org).status() == 401, "B refuses the revoked key");
        onB.get("dashboard/organizations/" + org).expect(401);
        a.api().as(key).get("dashboard/organizations/" + org).expect(401);
    }

    @Test
    @Order(4)
    void aWebhookToAIsSeenByAPollAndAnSseClientOnB() throws Exception {
        Push push = Push.create(a.api().asAdmin(), "sse");
        String config = push.configs().get(0);
        Api playerB = b.api().as(push.playerKey());
        long first = push.deliver(a, config, 1);
        try (SseClient events = SseClient.open(b.api().uri("dashboard/widget-configs/" + config + "/events"), push.playerKey())) {
            assertTrue(events.awaitId(first, Duration.ofSeconds(20)).contains("\"n\":1"), "the current version on connect");

            long second = push.deliver(a, config, 2); // accepted by A...
            String event = events.awaitId(second, Duration.ofSeconds(20)); // ...streamed by B
            assertTrue(event.contains("\"n\":2"), event);
        }
        long current = push.deliver(a, config, 3);
        // B learns of A's version when the grid delivers A's announcement: within 1 s, as docs/read-path.md
        // promises and ReadPathClusterIT measures; a poll in between is answered from what B knew (304)
        String stale = "dashboard/widget-configs/" + config + "/data?version=" + (current - 1);
        await(Duration.ofSeconds(1), () -> playerB.get(stale).status() == 200, "B serves the version A acknowledged");
        JsonObject polled = playerB.get(stale).expect(200).json();
        assertEquals(current, polled.getJsonNumber("version").longValue());
        playerB.get("dashboard/widget-configs/" + config + "/data?version=" + current).expect(304);
    }

    @Test
    @Order(5)
    void aHundredDuePullsRunExactlyOnceAcrossBothInstances() throws Exception {
        Api adminA = a.api().asAdmin();
        Api adminB = b.api().asAdmin();
        feeds = Feeds.create(adminA, upstream, PULLS);
        // both nodes reconcile the new configs into jobs and race for the leases
        feeds.awaitVersions(PULLS, Duration.ofSeconds(180));
        Thread.sleep(2_000);
        feeds.assertEachRequested(upstream, 1);

        // all due again at once, made due through both nodes
        feeds.refreshThroughBothAndAssertEachFetchedTwice(adminA, adminB, upstream, Duration.ofSeconds(120));
    }

    @Test
    @Order(7)
    void throughputOfACheapAuthenticatedReadWithOneAndTwoInstances() {
        Api adminA = a.api().asAdmin();
        String org = adminA.createOrganization("Throughput");
        String key = adminA.createKey(org, "member");
        String path = "dashboard/sessions/current"; // a token-cache hit: no bcrypt, no database
        LoadGenerator.run(List.of(a.url()), key, path, 8, Duration.ofSeconds(3)); // warm-up, both JITs
        LoadGenerator.run(List.of(b.url()), key, path, 8, Duration.ofSeconds(3));
        LoadGenerator.Result one = LoadGenerator.run(List.of(a.url()), key, path, 8, Duration.ofSeconds(5));
        LoadGenerator.Result two = LoadGenerator.run(List.of(a.url(), b.url()), key, path, 8, Duration.ofSeconds(5));
        System.out.printf("ClusterIT throughput (GET /%s, 8 client threads, %d cores shared by client and servers): "
                        + "1 instance %.0f requests/s; 2 instances %.0f requests/s in all (%.0f per instance)%n",
                path, Runtime.getRuntime().availableProcessors(), one.perSecond(), two.perSecond(), two.perSecond() / 2);
        assertEquals(0, one.failures() + two.failures(), "every request answered 200");
    }

    @Test
    @Order(8)
    void killNineOfAnInstanceUnderWebhookLoadLosesNothingAcknowledgedAndPullsGoOn() throws Exception {
        Push push = Push.create(a.api().asAdmin(), "load", 4);
        WebhookLoad load = WebhookLoad.start(push, List.of(a, b), 500);
        load.awaitAcknowledged(60, Duration.ofSeconds(60));
        b.kill(); // SIGKILL mid-load: no shutdown of any kind
        int acknowledgedAtKill = load.acknowledged().size();
        load.awaitAcknowledged(acknowledgedAtKill + 40, Duration.ofSeconds(60)); // the survivor goes on
        load.stop();

        List<String> acknowledged = load.acknowledged();
        java.util.Set<String> stored = java.util.Set.copyOf(TestDatabase.strings(
                "select widget_config_id || ':' || data_version from webhook_delivery where integration_id = ? and outcome = 'accepted'",
                push.integrationId()));
        List<String> lost = acknowledged.stream().filter(delivery -> !stored.contains(delivery)).toList();
        assertEquals(List.of(), lost, "every acknowledged delivery is in the database");
        for (String config : push.configs()) {
            long newest = acknowledged.stream().filter(d -> d.startsWith(config + ":"))
                    .mapToLong(d -> Long.parseLong(d.substring(d.indexOf(':') + 1))).max().orElse(0);
            long current = Long.parseLong(TestDatabase.strings("select max(version) from integration_data where integration_id = ? and discriminator = ?",
                    push.integrationId(), "cfg:" + config).get(0));
            assertTrue(current >= newest, "config " + config + ": stored version " + current + " >= acknowledged " + newest);
        }
        System.out.printf("ClusterIT kill -9: %d deliveries acknowledged (%d before the kill), %d sends without an answer, none lost%n",
                acknowledged.size(), acknowledgedAtKill, load.unanswered());

        // pulls continue on the survivor
        Api adminA = a.api().asAdmin();
        int before = feeds.requests(upstream);
        for (String config : feeds.configs()) {
            adminA.post("dashboard/widget-configs/" + config + "/refresh", "").expect(202);
        }
        feeds.awaitRequests(upstream, before + PULLS, Duration.ofSeconds(120));
        Thread.sleep(1_000);
        feeds.assertEachRequested(upstream, 3);
    }

    @Test
    @Order(9)
    void aRestartedInstanceRejoinsAndSigtermLetsTheRequestInFlightFinish() throws Exception {
        b = cluster.nodeB().start();
        await(Duration.ofSeconds(30), () -> a.log().split("Data Grid Instance Added", -1).length >= 3,
                "A sees B join a second time:\n" + tail(a.log()));
        String token = b.api().signIn(dev.hollerith.testing.HollerithWar.ADMIN_EMAIL, dev.hollerith.testing.HollerithWar.ADMIN_PASSWORD);
        String name = "in-flight-" + System.nanoTime();
        byte[] body = ("{\"name\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(b.url().getHost(), b.url().getPort())) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /dashboard/organizations HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer " + token + "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, 5); // a slow client: the request is inside the server, its body still arriving
            out.flush();
            Thread.sleep(500);

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(b::stop); // SIGTERM
            awaitStatus(b, "dashboard/sessions/current", 503, Duration.ofSeconds(20));
            ApiResponse refused = b.api().as(token).get("dashboard/sessions/current");
            assertEquals(503, refused.status(), "a new request while stopping: " + refused.body());
            assertTrue(refused.header("Retry-After").isPresent());
            a.api().as(token).get("dashboard/sessions/current").expect(200); // the other instance serves it

            out.write(body, 5, body.length - 5);
            out.flush();
            String answer = readHead(socket.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 201"), "the request in flight was answered: " + answer);
            stopping.get(90, TimeUnit.SECONDS);
        }
        assertEquals(List.of(name), TestDatabase.strings("select name from organization where name = ?", name));
        assertTrue(b.log().contains("lease(s) of unfinished pulls handed back"), "the pull engine stopped first:\n" + tail(b.log()));
        a.api().asAdmin().createOrganization("Survivor writes"); // the cluster lives on with one instance
    }

    // ---- helpers ----

    private static void awaitStatus(PayaraProcess node, String path, int status, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (node.api().get(path).status() == status) {
                    return;
                }
            } catch (UncheckedIOException notListening) {
                fail("the instance stopped listening before the request in flight was answered");
            }
            Thread.sleep(100);
        }
        fail(path + " did not answer " + status + " within " + timeout);
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            head.append((char) c);
            if (head.length() > 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        return head.toString();
    }

    static void await(Duration timeout, Supplier<Boolean> condition, String what) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (condition.get()) {
                return;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        fail("Timed out: " + what);
    }

    static String tail(String log) {
        return log.substring(Math.max(0, log.length() - 4000));
    }
}
