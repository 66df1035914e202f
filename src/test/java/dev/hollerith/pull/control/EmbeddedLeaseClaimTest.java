package dev.hollerith.pull.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The one-statement lease on H2, against the schema the migrations build (the H2 that Payara Micro bundles). */
class EmbeddedLeaseClaimTest {

    static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    static final Instant HORIZON = NOW.plusSeconds(2);
    static final Instant UNTIL = HORIZON.plusSeconds(120);

    final String url = "jdbc:h2:mem:lease-" + UUID.randomUUID() + ";MODE=LEGACY;DB_CLOSE_DELAY=-1";
    Connection db;

    @BeforeEach
    void migrate() throws SQLException, IOException {
        db = DriverManager.getConnection(url);
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration/h2"))) {
            for (Path file : files.sorted((a, b) -> Integer.compare(version(a), version(b))).toList()) {
                try (Statement statement = db.createStatement()) {
                    statement.execute("RUNSCRIPT FROM '" + file.toAbsolutePath() + "'");
                }
            }
        }
    }

    @AfterEach
    void close() throws SQLException {
        try (Statement statement = db.createStatement()) {
            statement.execute("SHUTDOWN");
        }
    }

    static int version(Path migration) {
        String name = migration.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }

    String job(Instant due, String leaseOwner, Instant leaseUntil) throws SQLException {
        String id = UUID.randomUUID().toString();
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO pull_job (id, created_at, discriminator, failures, integration_id, "
                + "next_run_at, organization_id, widget_config_id, lease_owner, lease_until) VALUES (?, ?, ?, 2, 7, ?, 'org', 'config', ?, ?)")) {
            insert.setString(1, id);
            insert.setObject(2, utc(NOW));
            insert.setString(3, "d-" + id);
            insert.setObject(4, utc(due));
            insert.setString(5, leaseOwner);
            insert.setObject(6, leaseUntil == null ? null : utc(leaseUntil));
            insert.executeUpdate();
        }
        return id;
    }

    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static List<String> ids(List<Object[]> rows) {
        return rows.stream().map(row -> (String) row[0]).toList();
    }

    String owner(String id) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("SELECT lease_owner FROM pull_job WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    @Test
    void leasesDueFreeJobsEarliestFirstUpToTheLimitAndReturnsWhatItNeeds() throws SQLException {
        String later = job(NOW.plusSeconds(1), null, null);
        String earliest = job(NOW.minusSeconds(30), null, null);
        String early = job(NOW.minusSeconds(5), null, null);
        job(NOW.plusSeconds(60), null, null); // beyond the horizon

        List<Object[]> first = EmbeddedLeaseClaim.claim(db, "a", 2, NOW, HORIZON, UNTIL);
        List<Object[]> second = EmbeddedLeaseClaim.claim(db, "a", 10, NOW, HORIZON, UNTIL);

        assertEquals(List.of(earliest, early), ids(first));
        assertEquals(List.of(later), ids(second));
        LeasedJob job = LeasedJob.of(first.get(0), "a");
        assertEquals(7, job.integrationId());
        assertEquals("d-" + earliest, job.discriminator());
        assertEquals("config", job.widgetConfigId());
        assertEquals("org", job.organizationId());
        assertEquals(NOW.minusSeconds(30), job.dueAt());
        assertEquals(2, job.failures());
        assertEquals("a", owner(earliest));
        assertTrue(EmbeddedLeaseClaim.claim(db, "a", 10, NOW, HORIZON, UNTIL).isEmpty());
    }

    @Test
    void aJobLeasedByAnotherIsSkippedUntilItsLeaseRunsOut() throws SQLException {
        String held = job(NOW.minusSeconds(10), "b", NOW.plusSeconds(30));
        String expired = job(NOW.minusSeconds(10), "c", NOW.minusSeconds(1));
        String free = job(NOW.minusSeconds(5), null, null);

        List<Object[]> won = EmbeddedLeaseClaim.claim(db, "a", 10, NOW, HORIZON, UNTIL);

        assertEquals(Set.of(expired, free), new HashSet<>(ids(won)));
        assertEquals("b", owner(held));
        assertEquals(List.of(held), ids(EmbeddedLeaseClaim.claim(db, "a", 10, NOW.plusSeconds(31), NOW.plusSeconds(33), UNTIL.plusSeconds(31))));
    }

    /** Two instances' leases at once: every job is leased exactly once, and neither comes back empty-handed while due jobs are free. */
    @Test
    void concurrentLeasesNeverShareAJob() throws Exception {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            all.add(job(NOW.minusSeconds(1), null, null));
        }
        Set<String> leased = ConcurrentHashMap.newKeySet();
        List<String> twice = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService instances = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> counts = new ArrayList<>();
            for (String owner : List.of("a", "b")) {
                Callable<Integer> instance = () -> {
                    int mine = 0;
                    try (Connection connection = DriverManager.getConnection(url)) {
                        connection.setAutoCommit(false);
                        go.await();
                        while (true) {
                            List<Object[]> won = EmbeddedLeaseClaim.claim(connection, owner, 16, NOW, HORIZON, UNTIL);
                            connection.commit();
                            if (won.isEmpty()) {
                                return mine;
                            }
                            for (String id : ids(won)) {
                                if (!leased.add(id)) {
                                    synchronized (twice) {
                                        twice.add(id);
                                    }
                                }
                            }
                            mine += won.size();
                        }
                    }
                };
                counts.add(instances.submit(instance));
            }
            go.countDown();
            int total = 0;
            for (Future<Integer> count : counts) {
                total += count.get();
            }
            assertEquals(List.of(), twice);
            assertEquals(all.size(), total);
            assertEquals(new HashSet<>(all), leased);
        } finally {
            instances.shutdownNow();
        }
    }

    /**
     * One instance leasing while its writer records finished runs (which moves {@code next_run_at}
     * an interval on and frees the lease): no job is leased a second time. A one-statement claim
     * ({@code FINAL TABLE (UPDATE … FETCH FIRST n ROWS ONLY)}) failed this on H2 2.2.224.
     */
    @Test
    void aJobBeingRecordedIsNotLeasedAgain() throws Exception {
        for (int i = 0; i < 3000; i++) {
            job(NOW.minusSeconds(1), null, null);
        }
        Map<String, Integer> leases = new ConcurrentHashMap<>();
        BlockingQueue<List<String>> ran = new LinkedBlockingQueue<>();
        ExecutorService writer = Executors.newSingleThreadExecutor();
        Future<Integer> recorded = writer.submit(() -> {
            int finished = 0;
            try (Connection connection = DriverManager.getConnection(url); PreparedStatement finish = connection.prepareStatement(
                    "UPDATE pull_job SET lease_owner = NULL, lease_until = NULL, next_run_at = ?, last_run_at = ? WHERE id = ? AND lease_owner = ?")) {
                connection.setAutoCommit(false);
                for (List<String> batch = ran.take(); !batch.isEmpty(); batch = ran.take()) {
                    List<String> all = new ArrayList<>(batch);
                    for (List<String> more = ran.peek(); more != null && !more.isEmpty(); more = ran.peek()) {
                        all.addAll(ran.poll());
                    }
                    for (String id : all) {
                        finish.setObject(1, utc(NOW.plusSeconds(3600)));
                        finish.setObject(2, utc(NOW));
                        finish.setString(3, id);
                        finish.setString(4, "a");
                        finish.addBatch();
                    }
                    for (int count : finish.executeBatch()) {
                        finished += count;
                    }
                    connection.commit();
                }
            }
            return finished;
        });
        try (Connection connection = DriverManager.getConnection(url)) {
            connection.setAutoCommit(false);
            for (int lease = 0;; lease++) {
                List<Object[]> won = EmbeddedLeaseClaim.claim(connection, "a", 32, NOW, HORIZON, UNTIL.plusMillis(lease));
                connection.commit();
                if (won.isEmpty()) {
                    break;
                }
                ids(won).forEach(id -> leases.merge(id, 1, Integer::sum));
                ran.add(ids(won));
            }
        } finally {
            ran.add(List.of());
            writer.shutdown();
        }

        assertEquals(3000, recorded.get(30, TimeUnit.SECONDS));
        assertEquals(3000, leases.size());
        assertEquals(List.of(), leases.entrySet().stream().filter(lease -> lease.getValue() > 1).map(Map.Entry::getKey).toList(),
                "jobs leased twice");
    }
}
