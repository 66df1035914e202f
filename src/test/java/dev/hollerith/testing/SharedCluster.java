package dev.hollerith.testing;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Two Payara Micro instances in one data grid on the PostgreSQL test database, shared by every
 * cluster test class of the test JVM ({@code @ExtendWith(SharedCluster.class)}, the nodes as a
 * {@link Cluster} parameter of {@code @BeforeAll}): three classes booting their own pair cost four
 * boots more per run. The nodes carry the settings all those classes need (fast pull ticks, short
 * history, a long pin reload). The shared server is stopped first, so the grid has exactly these
 * two members; {@link OwnServers} stops the cluster in turn. {@link ServerOrder} runs these classes
 * after the shared-server ones and the {@code @Order}ed class last (ClusterIT kills a node).
 * <p>
 * Not on the embedded H2 database (a file one process owns): the classes are skipped there.
 */
public final class SharedCluster implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedCluster.class);
    private static final String KEY = "cluster";

    /**
     * The two nodes and what tests check them by: the grid's name, node B's grid port, and the TCP
     * proxy through which node B reaches PostgreSQL (DatabaseOutageIT cuts it: a database outage
     * of one node, without a boot of its own).
     */
    public static final class Cluster implements ExtensionContext.Store.CloseableResource {
        public final String name = "hollerith-it-" + UUID.randomUUID().toString().substring(0, 8);
        public final int gridPortA = PayaraProcess.freePort();
        public final int gridPortB = PayaraProcess.freePort();
        public final TcpProxy databaseOfB;
        public final PayaraProcess a;
        public final PayaraProcess b;

        Cluster() {
            URI database = URI.create(System.getProperty("it.db.url").substring("jdbc:".length()));
            databaseOfB = new TcpProxy(database.getHost(), database.getPort() < 0 ? 5432 : database.getPort());
            // one after the other: the first creates the schema and the admin, the second finds them
            a = node("node-a", gridPortA).start();
            b = nodeB().start();
            awaitJoined();
        }

        /** Node B (also when a test starts it again): PostgreSQL through {@link #databaseOfB}. */
        public PayaraProcess nodeB() {
            URI database = URI.create(System.getProperty("it.db.url").substring("jdbc:".length()));
            return node("node-b", gridPortB).property("hollerith.db.url", "jdbc:postgresql://127.0.0.1:" + databaseOfB.port()
                    + database.getRawPath() + (database.getRawQuery() == null ? "" : "?" + database.getRawQuery()));
        }

        /** A node with the options of README "Running a cluster", loopback addresses and free ports. */
        public PayaraProcess node(String nodeName, int gridPort) {
            return new PayaraProcess()
                    // pull ticks every 100 ms on each node and short leases: races and take-overs happen within a test
                    .property("hollerith.pull.tick-ms", "100")
                    .property("hollerith.pull.reconcile-seconds", "1")
                    .property("hollerith.pull.lease-seconds", "15")
                    // a long pin reload interval: only the broadcast can make B see A's pin within a test's seconds
                    .property("hollerith.data-history.pin-reload-seconds", "3600")
                    // a short history, pruned every two seconds: retention is observable within a test
                    .property("hollerith.data.history.versions", "3")
                    .property("hollerith.data.history.days", "0")
                    .property("hollerith.data.history.prune-seconds", "2")
                    // short pull intervals allowed and a stale-data look every second: data goes stale within seconds
                    .property("hollerith.pull.min-interval-seconds", "2")
                    .property("hollerith.alerts.stale-check-seconds", "1")
                    .microOptions("--clustermode", "tcpip:127.0.0.1:" + gridPortA + ",127.0.0.1:" + gridPortB,
                            "--interfaces", "127.0.0.1",
                            "--startport", Integer.toString(gridPort),
                            "--clustername", name,
                            "--name", nodeName);
        }

        private void awaitJoined() {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (!(a.log().contains("Data Grid Instance Added") && a.log().contains("127.0.0.1:" + gridPortB))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("node B did not join node A's data grid within 60 s");
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }

        @Override
        public void close() {
            b.close();
            a.close();
            databaseOfB.close();
        }
    }

    static Cluster cluster(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(KEY, key -> new Cluster(), Cluster.class);
    }

    /** Stops the shared cluster if it runs: a class with servers of its own wants no other instance on the database. */
    static void stop(ExtensionContext context) {
        Cluster cluster;
        try {
            cluster = context.getRoot().getStore(NAMESPACE).remove(KEY, Cluster.class);
        } catch (RuntimeException bootFailed) {
            return; // never started (its classes already failed with the reason)
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Assumptions.assumeTrue(Requirements.onPostgres(),
                "Not applicable to the embedded H2 database (a file one process owns): the cluster runs in the PostgreSQL pass (HOLLERITH_TEST_DB_URL)");
        SharedServer.stop(context);
        cluster(context); // boot failures belong to the class, not to its first test
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Cluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return cluster(context);
    }
}
