package dev.hollerith.platform.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The migrations in {@code db/migration/<vendor>/} own the schema: EclipseLink only maps it.
 * A database made by release 1.0 (tables created by EclipseLink's DDL generation, no
 * {@code flyway_schema_history}) is adopted as version 1 and upgraded in place. Flyway takes a
 * database lock while it migrates (PostgreSQL: an advisory lock; H2: a table lock), so nodes that
 * start together on one database migrate once; the others wait, then find nothing to do.
 */
public final class SchemaMigrations {

    /** Where a new migration goes: {@code V<n>__<what>.sql}, one file per vendor with the same version. */
    public static final String FOLDER = "db/migration/";

    private static final Logger LOG = Logger.getLogger(SchemaMigrations.class.getName());

    private SchemaMigrations() {
    }

    /** Brings the database to the newest version; throws if a migration fails, so the application never runs on a half-made schema. */
    public static MigrateResult migrate(DataSource dataSource) {
        String folder = FOLDER + vendor(dataSource);
        MigrateResult result = Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:" + folder)
                .baselineOnMigrate(true)
                .baselineVersion("1")
                .baselineDescription("schema of release 1.0, created by EclipseLink")
                // Flyway's clean drops every table: never reachable from a running application
                .cleanDisabled(true)
                .load()
                .migrate();
        if (result.migrationsExecuted > 0) {
            LOG.info(() -> "Database schema: applied " + result.migrationsExecuted + " migration(s) from " + folder
                    + ", now at version " + result.targetSchemaVersion);
        }
        return result;
    }

    /** {@code h2} or {@code postgresql}: the folder of the migrations written for this database. */
    public static String vendor(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (product.contains("h2")) {
                return "h2";
            }
            if (product.contains("postgresql")) {
                return "postgresql";
            }
            throw new IllegalStateException("No schema migrations for database " + product + ": use H2 or PostgreSQL");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the database to migrate its schema", e);
        }
    }
}
