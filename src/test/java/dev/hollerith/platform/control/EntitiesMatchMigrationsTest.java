package dev.hollerith.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * The migrations own the schema, so an entity, column or sequence without a migration would fail
 * only at run time ("Table not found"). This test compares what the JPA mapping needs (EclipseLink's
 * generated DDL, run into an empty H2) with what the migrations build, and prints the missing DDL
 * for both databases. Regenerate the DDL at any time with
 * {@code mvn -B -ntp test -Dtest=EntitiesMatchMigrationsTest}: target/schema/{h2,postgresql}-entities.sql.
 */
class EntitiesMatchMigrationsTest {

    private static final Path MIGRATIONS = Path.of("src/main/resources", SchemaMigrations.FOLDER);
    private static final Path OUT = Path.of("target/schema");

    @Test
    void migrationsCreateEveryTableColumnAndSequenceTheEntitiesMap() throws SQLException {
        EntityDdl h2 = EntityDdl.generate("H2", OUT.resolve("h2-entities.sql"));
        EntityDdl postgresql = EntityDdl.generate("PostgreSQL", OUT.resolve("postgresql-entities.sql"));

        Schema expected = Schema.of(database("entities"), h2.statements());
        JdbcDataSource migratedDatabase = database("migrated");
        SchemaMigrations.migrate(migratedDatabase);
        Schema migrated = Schema.read(migratedDatabase);

        List<String> problems = new ArrayList<>();
        StringBuilder h2Fix = new StringBuilder();
        StringBuilder pgFix = new StringBuilder();
        for (String table : expected.columns().keySet()) {
            if (!migrated.columns().containsKey(table)) {
                problems.add("table " + table + " (entity) has no migration");
                h2.statementsFor(table).forEach(s -> h2Fix.append(s).append(";\n"));
                postgresql.statementsFor(table).forEach(s -> pgFix.append(s).append(";\n"));
                continue;
            }
            for (String column : expected.columns().get(table)) {
                if (!migrated.columns().get(table).contains(column)) {
                    problems.add("column " + table + "." + column + " (entity) has no migration");
                    h2Fix.append(addColumn(table, h2.columnDefinition(table, column).orElse(column + " ?"))).append('\n');
                    pgFix.append(addColumn(table, postgresql.columnDefinition(table, column).orElse(column + " ?"))).append('\n');
                }
            }
        }
        for (String sequence : expected.sequences()) {
            if (!migrated.sequences().contains(sequence)) {
                problems.add("sequence " + sequence + " (@SequenceGenerator) has no migration");
                h2.sequence(sequence).ifPresent(s -> h2Fix.append(s).append(";\n"));
                postgresql.sequence(sequence).ifPresent(s -> pgFix.append(s).append(";\n"));
            }
        }
        if (!problems.isEmpty()) {
            String next = "V" + (latestVersion() + 1) + "__<what_changed>.sql";
            fail("The JPA entities need schema that no migration creates:\n  - " + String.join("\n  - ", problems)
                    + "\n\nAdd a migration with the same version for both databases (docs/operations.md \"Upgrades\"):\n"
                    + "\n--- " + MIGRATIONS.resolve("h2").resolve(next) + "\n" + h2Fix
                    + "\n--- " + MIGRATIONS.resolve("postgresql").resolve(next) + "\n" + pgFix
                    + "\n(EclipseLink's DDL; check types, lengths, NOT NULL on existing rows, indexes. Full scripts: "
                    + OUT.toAbsolutePath() + ")");
        }
    }

    @Test
    void everyMigrationExistsForBothDatabases() throws IOException {
        assertEquals(versions("h2"), versions("postgresql"),
                "Each migration version needs a file in both " + MIGRATIONS.resolve("h2") + " and " + MIGRATIONS.resolve("postgresql"));
    }

    private static String addColumn(String table, String definition) {
        return "ALTER TABLE " + table.toLowerCase(Locale.ROOT) + " ADD COLUMN " + definition + ";";
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

    private static JdbcDataSource database(String name) {
        JdbcDataSource dataSource = new JdbcDataSource();
        // the same mode as the application's H2 URL
        dataSource.setURL("jdbc:h2:mem:" + name + "-" + System.nanoTime() + ";MODE=LEGACY;DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        return dataSource;
    }

    /** Tables with their columns, and sequences, as the database reports them (upper case on H2). */
    private record Schema(TreeMap<String, Set<String>> columns, Set<String> sequences) {

        static Schema of(JdbcDataSource dataSource, List<String> ddl) throws SQLException {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                for (String sql : ddl) {
                    statement.execute(sql);
                }
            }
            return read(dataSource);
        }

        static Schema read(JdbcDataSource dataSource) throws SQLException {
            TreeMap<String, Set<String>> columns = new TreeMap<>();
            Set<String> sequences = new TreeSet<>();
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                try (ResultSet rows = statement.executeQuery("SELECT TABLE_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS"
                        + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME <> 'flyway_schema_history'")) {
                    while (rows.next()) {
                        columns.computeIfAbsent(rows.getString(1), t -> new TreeSet<>()).add(rows.getString(2));
                    }
                }
                try (ResultSet rows = statement.executeQuery("SELECT SEQUENCE_NAME FROM INFORMATION_SCHEMA.SEQUENCES WHERE SEQUENCE_SCHEMA = 'PUBLIC'")) {
                    while (rows.next()) {
                        sequences.add(rows.getString(1));
                    }
                }
            }
            return new Schema(columns, sequences);
        }
    }
}
