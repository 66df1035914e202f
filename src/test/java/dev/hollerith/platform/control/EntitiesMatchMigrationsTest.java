package dev.hollerith.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * The migrations own the schema, so an entity, column or sequence without a migration would fail
 * only at run time ("Table not found"). This test compares what the JPA mapping needs (EclipseLink's
 * generated DDL, run into an empty database) with what the migrations build, and prints the
 * missing DDL for both databases. On H2 always; on PostgreSQL too when
 * {@code HOLLERITH_TEST_DB_URL} names the suite's PostgreSQL (scratch databases are created there
 * and dropped). Regenerate the DDL at any time with
 * {@code mvn -B -ntp test -Dtest=EntitiesMatchMigrationsTest}: target/schema/{h2,postgresql}-entities.sql.
 */
class EntitiesMatchMigrationsTest {

    private static final Path MIGRATIONS = Path.of("src/main/resources", SchemaMigrations.FOLDER);
    private static final Path OUT = Path.of("target/schema");

    @Test
    void migrationsCreateEveryTableColumnAndSequenceTheEntitiesMap() throws SQLException {
        EntityDdl h2 = EntityDdl.generate("H2", OUT.resolve("h2-entities.sql"));
        EntityDdl postgresql = EntityDdl.generate("PostgreSQL", OUT.resolve("postgresql-entities.sql"));

        List<Gap> gaps = new ArrayList<>(missing("H2", h2Database("entities"), h2Database("migrated"), h2));
        String postgresUrl = System.getenv("HOLLERITH_TEST_DB_URL");
        boolean postgresChecked = postgresUrl != null && postgresUrl.startsWith("jdbc:postgresql:");
        if (postgresChecked) {
            try (Scratch entities = Scratch.create(postgresUrl); Scratch migrated = Scratch.create(postgresUrl)) {
                gaps.addAll(missing("PostgreSQL", entities, migrated, postgresql));
            }
        }
        if (!gaps.isEmpty()) {
            String next = "V" + (latestVersion() + 1) + "__<what_changed>.sql";
            // without a PostgreSQL to compare with, what H2 misses is missing there too
            fail("The JPA entities need schema that no migration creates:\n  - "
                    + gaps.stream().map(Gap::toString).collect(Collectors.joining("\n  - "))
                    + "\n\nAdd a migration with the same version for both databases (docs/operations.md \"Upgrades\"):\n"
                    + "\n--- " + MIGRATIONS.resolve("h2").resolve(next) + "\n" + fixes(gaps, "H2", h2)
                    + "\n--- " + MIGRATIONS.resolve("postgresql").resolve(next) + "\n"
                    + fixes(postgresChecked ? gaps : gaps.stream().map(g -> new Gap("PostgreSQL", g.kind(), g.name())).toList(), "PostgreSQL", postgresql)
                    + "\n(EclipseLink's DDL; check types, lengths, NOT NULL on existing rows, indexes. Full scripts: "
                    + OUT.toAbsolutePath() + ")");
        }
    }

    /** Something the entities map that the migrations do not create on one database. */
    private record Gap(String product, String kind, String name) {

        @Override
        public String toString() {
            return kind + " " + name + " (" + product + ")";
        }
    }

    @Test
    void everyMigrationExistsForBothDatabases() throws IOException {
        assertEquals(versions("h2"), versions("postgresql"),
                "Each migration version needs a file in both " + MIGRATIONS.resolve("h2") + " and " + MIGRATIONS.resolve("postgresql"));
    }

    private static List<Gap> missing(String product, DataSource entities, DataSource migrated, EntityDdl ddl) throws SQLException {
        Schema expected = Schema.of(entities, ddl.statements());
        SchemaMigrations.migrate(migrated);
        Schema actual = Schema.read(migrated);
        List<Gap> gaps = new ArrayList<>();
        expected.columns().forEach((table, columns) -> {
            if (!actual.columns().containsKey(table)) {
                gaps.add(new Gap(product, "table", table));
            } else {
                columns.stream().filter(c -> !actual.columns().get(table).contains(c))
                        .forEach(c -> gaps.add(new Gap(product, "column", table + "." + c)));
            }
        });
        expected.sequences().stream().filter(s -> !actual.sequences().contains(s))
                .forEach(s -> gaps.add(new Gap(product, "sequence", s)));
        return gaps;
    }

    private static String fixes(List<Gap> gaps, String product, EntityDdl ddl) {
        String fixes = gaps.stream().filter(g -> g.product().equals(product)).map(g -> fix(ddl, g.kind(), g.name()))
                .collect(Collectors.joining());
        return fixes.isEmpty() ? "-- nothing missing here; a file with this comment keeps the versions paired\n" : fixes;
    }

    private static String fix(EntityDdl ddl, String kind, String name) {
        StringBuilder fix = new StringBuilder();
        switch (kind) {
            case "table" -> ddl.statementsFor(name).forEach(s -> fix.append(s).append(";\n"));
            case "column" -> {
                String table = name.substring(0, name.indexOf('.'));
                String column = name.substring(name.indexOf('.') + 1);
                fix.append("ALTER TABLE ").append(table).append(" ADD COLUMN ")
                        .append(ddl.columnDefinition(table, column).orElse(column + " ?")).append(";\n");
            }
            default -> ddl.sequence(name).ifPresent(s -> fix.append(s).append(";\n"));
        }
        return fix.toString();
    }

    private static int latestVersion() {
        try {
            return versions("h2").stream().mapToInt(Integer::parseInt).max().orElse(0);
        } catch (IOException e) {
            return 0;
        }
    }

    private static Set<String> versions(String vendor) throws IOException {
        try (Stream<Path> files = Files.list(MIGRATIONS.resolve(vendor))) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.matches("V\\d+__.+\\.sql"))
                    .map(n -> n.substring(1, n.indexOf("__")))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static JdbcDataSource h2Database(String name) {
        JdbcDataSource dataSource = new JdbcDataSource();
        // the same mode as the application's H2 URL
        dataSource.setURL("jdbc:h2:mem:" + name + "-" + System.nanoTime() + ";MODE=LEGACY;DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        return dataSource;
    }

    /** Tables with their columns, and sequences, of the connection's current schema; names in lower case. */
    private record Schema(TreeMap<String, Set<String>> columns, Set<String> sequences) {

        static Schema of(DataSource dataSource, List<String> ddl) throws SQLException {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                for (String sql : ddl) {
                    statement.execute(sql);
                }
            }
            return read(dataSource);
        }

        static Schema read(DataSource dataSource) throws SQLException {
            TreeMap<String, Set<String>> columns = new TreeMap<>();
            Set<String> sequences = new TreeSet<>();
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                try (ResultSet rows = statement.executeQuery("SELECT TABLE_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS"
                        + " WHERE TABLE_SCHEMA = CURRENT_SCHEMA")) {
                    while (rows.next()) {
                        String table = rows.getString(1).toLowerCase(Locale.ROOT);
                        if (!table.equals("flyway_schema_history")) {
                            columns.computeIfAbsent(table, t -> new TreeSet<>()).add(rows.getString(2).toLowerCase(Locale.ROOT));
                        }
                    }
                }
                try (ResultSet rows = statement.executeQuery("SELECT SEQUENCE_NAME FROM INFORMATION_SCHEMA.SEQUENCES WHERE SEQUENCE_SCHEMA = CURRENT_SCHEMA")) {
                    while (rows.next()) {
                        sequences.add(rows.getString(1).toLowerCase(Locale.ROOT));
                    }
                }
            }
            return new Schema(columns, sequences);
        }
    }

    /** An empty PostgreSQL database on the suite's server, dropped afterwards. */
    private record Scratch(String serverUrl, String name) implements DataSource, AutoCloseable {

        static Scratch create(String serverUrl) throws SQLException {
            Scratch scratch = new Scratch(serverUrl, "hollerith_entities_" + System.nanoTime());
            try (Connection connection = scratch.server(); Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + scratch.name);
            }
            return scratch;
        }

        private Connection server() throws SQLException {
            return DriverManager.getConnection(serverUrl, "postgres", "postgres");
        }

        @Override
        public Connection getConnection() throws SQLException {
            return DriverManager.getConnection(serverUrl.replaceFirst("/[^/?]+(\\?.*)?$", "/" + name + "$1"), "postgres", "postgres");
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public void close() {
            try (Connection connection = server(); Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException e) {
                Logger.getLogger(EntitiesMatchMigrationsTest.class.getName()).warning("Could not drop " + name + ": " + e.getMessage());
            }
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("Not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
