package dev.hollerith.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hollerith.platform.control.SchemaMigrations;
import dev.hollerith.security.control.BearerToken;
import dev.hollerith.security.control.Secrets;
import dev.hollerith.testing.Api;
import dev.hollerith.testing.HollerithWar;
import dev.hollerith.testing.Requirements;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Logger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Upgrading from release 1.0, whose EclipseLink created the schema and kept no migration history:
 * the new release adopts such a database as version 1, applies the newer migrations and keeps the
 * data. Runs on the suite's database product (H2, or PostgreSQL when HOLLERITH_TEST_DB_URL is set),
 * each case in a database of its own.
 * <p>
 * The server that upgrades a {@link Release10} database is {@link BadInputCorpusIT}'s (one boot
 * fewer per pass): it starts on one, checks what this class gives it
 * ({@link Release10#assertAdoptedAndKept}) first, and then runs its corpus on the upgraded schema.
 */
class SchemaUpgradeIT {

    /** A database as release 1.0 left it, with people and keys in it who must still get in after the upgrade. */
    static final class Release10 implements AutoCloseable {

        private final ScratchDatabase database;
        private final OldRelease data;

        private Release10(ScratchDatabase database, OldRelease data) {
            this.database = database;
            this.data = data;
        }

        static Release10 create() throws IOException, SQLException {
            ScratchDatabase old = ScratchDatabase.create("upgrade");
            old.execute(baseline(old.vendor()));
            return new Release10(old, OldRelease.write(old));
        }

        /** For the server's {@code hollerith.db.url}. */
        String url() {
            return database.url();
        }

        /** Checked on the server that started on this database: old data readable, new writes work, every migration applied once. */
        void assertAdoptedAndKept(Api api) throws IOException, SQLException {
            Api admin = api.asAdmin();
            assertEquals("Before the upgrade", api.as(data.apiKey()).get("dashboard/organizations/" + data.organizationId())
                    .expect(200).data().getString("name"));
            api.signIn(data.memberEmail(), data.memberPassword());
            // writes work on the adopted schema too
            String org = admin.createOrganization("After the upgrade");
            api.as(admin.createKey(org, "member")).get("dashboard/organizations/" + org).expect(200);

            List<String> history = database.strings("SELECT \"version\" || ':' || \"type\" || ':' || \"success\""
                    + " FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"");
            assertEquals("1:BASELINE:" + trueLiteral(database), history.get(0), "release 1.0's schema is adopted as version 1: " + history);
            assertEquals(latestVersion(database.vendor()), Integer.parseInt(history.get(history.size() - 1).split(":")[0]),
                    "every newer migration is applied: " + history);
            assertTrue(history.stream().allMatch(h -> h.endsWith(trueLiteral(database))), "all migrations succeeded: " + history);
        }

        @Override
        public void close() {
            database.close();
        }
    }

    @Test
    void nodesStartingTogetherOnAnEmptyDatabaseMigrateItOnce() throws Exception {
        try (ScratchDatabase fresh = ScratchDatabase.create("together")) {
            int nodes = 3;
            CyclicBarrier start = new CyclicBarrier(nodes);
            ExecutorService pool = Executors.newFixedThreadPool(nodes);
            try {
                List<Future<Integer>> runs = new ArrayList<>();
                for (int i = 0; i < nodes; i++) {
                    // each "node" migrates through connections of its own, as separate JVMs would
                    runs.add(pool.submit(() -> {
                        start.await();
                        return SchemaMigrations.migrate(fresh.dataSource()).migrationsExecuted;
                    }));
                }
                int executed = 0;
                for (Future<Integer> run : runs) {
                    executed += run.get();
                }
                assertEquals(latestVersion(fresh.vendor()), executed, "each migration ran exactly once in all nodes together");
            } finally {
                pool.shutdownNow();
            }
            assertEquals(List.of("1"), fresh.strings("SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"version\" = '1'"));
            assertEquals(List.of("0"), fresh.strings("SELECT COUNT(*) FROM organization"));
        }
    }

    /** Rows as release 1.0 wrote them (same hashing), for people who must be able to sign in after the upgrade. */
    private record OldRelease(String organizationId, String apiKey, String memberEmail, String memberPassword) {

        static OldRelease write(ScratchDatabase db) throws SQLException {
            String org = UUID.randomUUID().toString();
            BearerToken key = BearerToken.issue(BearerToken.Kind.API_KEY);
            String email = "kept-" + System.nanoTime() + "@example.com";
            String password = "kept-password-1";
            Timestamp now = Timestamp.from(Instant.now());
            db.update("INSERT INTO organization (id, created_at, name) VALUES (?, ?, ?)", org, now, "Before the upgrade");
            db.update("INSERT INTO api_key (id, created_at, name, organization_id, role, token_hash) VALUES (?, ?, ?, ?, ?, ?)",
                    key.id(), now, "kept key", org, "MEMBER", Secrets.bcrypt(key.toString()));
            db.update("INSERT INTO app_user (id, created_at, email, organization_id, password_hash, role) VALUES (?, ?, ?, ?, ?, ?)",
                    UUID.randomUUID().toString(), now, email, org, Secrets.bcrypt(password), "MEMBER");
            db.update("INSERT INTO app_user (id, created_at, email, organization_id, password_hash, role) VALUES (?, ?, ?, ?, ?, ?)",
                    UUID.randomUUID().toString(), now, HollerithWar.ADMIN_EMAIL, null, Secrets.bcrypt(HollerithWar.ADMIN_PASSWORD), "ADMIN");
            return new OldRelease(org, key.toString(), email, password);
        }
    }

    private static String trueLiteral(ScratchDatabase db) {
        return db.vendor().equals("h2") ? "TRUE" : "true";
    }

    /** V1: exactly the schema release 1.0 created (see the file's header). */
    private static String baseline(String vendor) throws IOException {
        return Files.readString(migrations(vendor).resolve("V1__baseline.sql"), StandardCharsets.UTF_8);
    }

    private static int latestVersion(String vendor) throws IOException {
        try (Stream<Path> files = Files.list(migrations(vendor))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.+\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElseThrow();
        }
    }

    private static Path migrations(String vendor) {
        return Path.of("src/main/resources", SchemaMigrations.FOLDER, vendor);
    }

    /**
     * A database of its own, of the suite's product: an H2 file next to the suite's, or a new
     * PostgreSQL database on the suite's server (dropped afterwards).
     */
    private record ScratchDatabase(String url, String user, String password, String vendor, Runnable drop) implements AutoCloseable {

        static ScratchDatabase create(String purpose) throws SQLException {
            String user = System.getProperty("it.db.user");
            String password = System.getProperty("it.db.password");
            String name = "hollerith_" + purpose + "_" + System.nanoTime();
            if (!Requirements.onPostgres()) {
                String url = "jdbc:h2:file:" + Path.of(System.getProperty("it.data.dir"), name, "hollerith").toAbsolutePath()
                        + ";MODE=LEGACY;AUTO_SERVER=TRUE";
                return new ScratchDatabase(url, user, password, "h2", () -> { });
            }
            String suiteUrl = System.getProperty("it.db.url");
            try (Connection connection = DriverManager.getConnection(suiteUrl, user, password);
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + name);
            }
            String url = suiteUrl.replaceFirst("/[^/?]+(\\?.*)?$", "/" + name + "$1");
            return new ScratchDatabase(url, user, password, "postgresql", () -> {
                try (Connection connection = DriverManager.getConnection(suiteUrl, user, password);
                     Statement statement = connection.createStatement()) {
                    statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                } catch (SQLException e) {
                    Logger.getLogger(SchemaUpgradeIT.class.getName()).warning("Could not drop " + name + ": " + e.getMessage());
                }
            });
        }

        Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }

        DataSource dataSource() {
            return new DataSource() {
                @Override public Connection getConnection() throws SQLException { return connect(); }
                @Override public Connection getConnection(String u, String p) throws SQLException { return DriverManager.getConnection(url, u, p); }
                @Override public PrintWriter getLogWriter() { return null; }
                @Override public void setLogWriter(PrintWriter out) { }
                @Override public void setLoginTimeout(int seconds) { }
                @Override public int getLoginTimeout() { return 0; }
                @Override public java.util.logging.Logger getParentLogger() { return Logger.getGlobal(); }
                @Override public <T> T unwrap(Class<T> iface) throws SQLException { throw new SQLException("not a wrapper"); }
                @Override public boolean isWrapperFor(Class<?> iface) { return false; }
            };
        }

        /** Runs a migration file's statements as plain JDBC, as a database of release 1.0 would have them. */
        void execute(String script) throws SQLException {
            try (Connection connection = connect(); Statement statement = connection.createStatement()) {
                for (String sql : script.replaceAll("(?m)^--.*$", "").split(";")) {
                    if (!sql.isBlank()) {
                        statement.execute(sql);
                    }
                }
            }
        }

        void update(String sql, Object... parameters) throws SQLException {
            try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                statement.executeUpdate();
            }
        }

        List<String> strings(String sql) throws SQLException {
            List<String> values = new ArrayList<>();
            try (Connection connection = connect(); Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery(sql)) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }

        @Override
        public void close() {
            drop.run();
        }
    }
}
