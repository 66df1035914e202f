package dev.hollerith.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.hollerith.testing.Api;
import dev.hollerith.testing.ApiResponse;
import dev.hollerith.testing.PayaraProcess;
import dev.hollerith.testing.Requirements;
import dev.hollerith.testing.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two Payara Micro instances on loopback, one data grid (explicit TCP/IP discovery, as
 * README "Running a cluster" describes), one PostgreSQL: they behave as one system.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final String CLUSTER = "hollerith-it-" + UUID.randomUUID().toString().substring(0, 8);

    private static int gridPortA;
    private static int gridPortB;
    private static PayaraProcess a;
    private static PayaraProcess b;

    @BeforeAll
    static void startTwoInstances() throws IOException {
        Assumptions.assumeTrue(Requirements.onPostgres(),
                "Not applicable to the embedded H2 database (a file one process owns): the cluster runs in the PostgreSQL pass (HOLLERITH_TEST_DB_URL)");
        gridPortA = freePort();
        gridPortB = freePort();
        // one after the other: the first creates the schema and the admin, the second finds them
        a = node("node-a", gridPortA).start();
        b = node("node-b", gridPortB).start();
    }

    @AfterAll
    static void stopInstances() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    /** The Payara Micro options of README "Running a cluster", with loopback addresses and free ports. */
    static PayaraProcess node(String name, int gridPort) {
        return new PayaraProcess().microOptions(
                "--clustermode", "tcpip:127.0.0.1:" + gridPortA + ",127.0.0.1:" + gridPortB,
                "--interfaces", "127.0.0.1",
                "--startport", Integer.toString(gridPort),
                "--clustername", CLUSTER,
                "--name", name);
    }

    @Test
    @Order(1)
    void bothInstancesJoinOneDataGrid() {
        // Payara logs the grid's members whenever one joins; A sees B arrive on B's grid port
        await(Duration.ofSeconds(30), () -> a.log().contains("Data Grid Instance Added")
                && a.log().contains("127.0.0.1:" + gridPortB), "A sees B join its data grid:\n" + tail(a.log()));
        assertTrue(b.log().contains("DataGrid: " + CLUSTER), "B is in the grid named " + CLUSTER);
    }

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

        onB.get("dashboard/organizations/" + org).expect(401);
        a.api().as(key).get("dashboard/organizations/" + org).expect(401);
    }

    @Test
    @Order(90)
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
    @Order(100)
    void sigtermLetsTheRequestInFlightFinishAndTurnsNewOnesAway() throws Exception {
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
