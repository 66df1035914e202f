package dev.hollerith.platform.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Makes committed transactions durable before they are acknowledged. PostgreSQL is durable at commit
 * (synchronous_commit) and needs nothing. The embedded H2 writes its store at each commit only with
 * WRITE_DELAY 0 (the default URL sets it; a URL without it would delay writes by 500 ms), and even then
 * a commit that finds another thread writing leaves its changes for the next write. {@link #sync}
 * ({@code CHECKPOINT SYNC}) writes and forces everything committed so far, whatever the URL says; the
 * webhook writer calls it once per batch, so its cost is shared by the whole batch.
 */
@ApplicationScoped
public class DurableCommits {

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    private volatile Boolean embedded;

    /**
     * Whether the database is the embedded H2, whose commits are written one at a time: writers that
     * group commits use one lane there (docs/webhooks.md). False while the database cannot be reached.
     */
    public boolean embedded() {
        if (embedded == null) {
            try (Connection connection = dataSource.getConnection()) {
                embedded = isEmbedded(connection);
            } catch (SQLException unreachable) {
                return false;
            }
        }
        return embedded;
    }

    public void sync() {
        if (Boolean.FALSE.equals(embedded)) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            if (embedded == null) {
                embedded = isEmbedded(connection);
                if (!embedded) {
                    return;
                }
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("CHECKPOINT SYNC");
            }
        } catch (SQLException failed) {
            throw new IllegalStateException("could not force the embedded database to disk (SQLState " + failed.getSQLState() + ")");
        }
    }

    private static boolean isEmbedded(Connection connection) throws SQLException {
        return connection.getMetaData().getURL().startsWith("jdbc:h2:");
    }
}
