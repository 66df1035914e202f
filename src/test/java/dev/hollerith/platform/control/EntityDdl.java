package dev.hollerith.platform.control;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The DDL that EclipseLink derives from the entities for one database, written as a script by its
 * DDL generation (never executed): what the old {@code create-or-extend-tables} would have created.
 */
final class EntityDdl {

    private static final Pattern CREATE_TABLE = Pattern.compile("CREATE TABLE (\\w+) \\((.*)\\)", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private final List<String> statements;

    private EntityDdl(List<String> statements) {
        this.statements = statements;
    }

    /** {@code product} as EclipseLink names its platform: {@code H2} or {@code PostgreSQL}. */
    static EntityDdl generate(String product, Path script) {
        try {
            Files.createDirectories(script.getParent());
            Files.deleteIfExists(script);
            Map<String, Object> properties = new HashMap<>();
            properties.put("jakarta.persistence.transactionType", "RESOURCE_LOCAL");
            properties.put("jakarta.persistence.jtaDataSource", "");
            // EclipseLink logs in before it writes a script: an empty in-memory H2 serves, and
            // target-database picks the SQL dialect of the script (the script is not executed)
            properties.put("jakarta.persistence.jdbc.driver", "org.h2.Driver");
            properties.put("jakarta.persistence.jdbc.url", "jdbc:h2:mem:ddl-" + System.nanoTime());
            properties.put("eclipselink.target-database", "org.eclipse.persistence.platform.database." + product + "Platform");
            properties.put("jakarta.persistence.schema-generation.database.action", "none");
            properties.put("eclipselink.ddl-generation", "create-tables");
            properties.put("eclipselink.ddl-generation.output-mode", "sql-script");
            properties.put("eclipselink.application-location", script.getParent().toAbsolutePath().toString());
            properties.put("eclipselink.create-ddl-jdbc-file-name", script.getFileName().toString());
            properties.put("eclipselink.drop-ddl-jdbc-file-name", "drop-" + script.getFileName());
            properties.put("eclipselink.logging.level", "WARNING");
            // generating a script migrates nothing (and has no datasource to migrate)
            properties.put("eclipselink.session-event-listener", NoMigration.class.getName());
            EntityManagerFactory factory = Persistence.createEntityManagerFactory("hollerith", properties);
            try {
                factory.createEntityManager().close();
            } finally {
                factory.close();
            }
            List<String> statements = new ArrayList<>();
            for (String line : Files.readAllLines(script)) {
                String statement = line.strip();
                if (statement.endsWith(";")) {
                    statement = statement.substring(0, statement.length() - 1);
                }
                if (!statement.isEmpty()) {
                    statements.add(statement);
                }
            }
            return new EntityDdl(statements);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces {@link MigrateBeforeLogin} while generating. */
    public static class NoMigration extends org.eclipse.persistence.sessions.SessionEventAdapter {
    }

    List<String> statements() {
        return statements;
    }

    /** The generated statements that mention a table (its CREATE TABLE, constraints, indexes). */
    List<String> statementsFor(String table) {
        Pattern name = Pattern.compile("\\b" + Pattern.quote(table) + "\\b", Pattern.CASE_INSENSITIVE);
        return statements.stream()
                .filter(s -> s.toUpperCase(Locale.ROOT).startsWith("CREATE TABLE " + table.toUpperCase(Locale.ROOT) + " ")
                        || (s.toUpperCase(Locale.ROOT).startsWith("ALTER TABLE") || s.toUpperCase(Locale.ROOT).startsWith("CREATE INDEX")) && name.matcher(s).find())
                .toList();
    }

    /** The statement creating a sequence, if the entities use it. */
    Optional<String> sequence(String sequence) {
        Pattern name = Pattern.compile("CREATE SEQUENCE " + Pattern.quote(sequence) + "\\b.*", Pattern.CASE_INSENSITIVE);
        return statements.stream().filter(s -> name.matcher(s).matches()).findFirst();
    }

    /** The column definition ({@code name TYPE [NOT NULL]}) of a column, from the CREATE TABLE statement. */
    Optional<String> columnDefinition(String table, String column) {
        for (String statement : statements) {
            Matcher create = CREATE_TABLE.matcher(statement);
            if (create.matches() && create.group(1).equalsIgnoreCase(table)) {
                return columns(create.group(2)).entrySet().stream()
                        .filter(e -> e.getKey().equalsIgnoreCase(column))
                        .map(Map.Entry::getValue)
                        .findFirst();
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> columns(String body) {
        Map<String, String> columns = new LinkedHashMap<>();
        int depth = 0;
        StringBuilder part = new StringBuilder();
        for (char c : (body + ",").toCharArray()) {
            if (c == ',' && depth == 0) {
                String definition = part.toString().strip();
                String first = definition.split("\\s+")[0];
                if (!first.equalsIgnoreCase("PRIMARY") && !first.equalsIgnoreCase("CONSTRAINT") && !first.equalsIgnoreCase("UNIQUE")) {
                    columns.put(first, definition);
                }
                part.setLength(0);
                continue;
            }
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            part.append(c);
        }
        return columns;
    }
}
