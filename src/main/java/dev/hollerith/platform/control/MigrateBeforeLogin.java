package dev.hollerith.platform.control;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.eclipse.persistence.sessions.DatasourceLogin;
import org.eclipse.persistence.sessions.JNDIConnector;
import org.eclipse.persistence.sessions.SessionEvent;
import org.eclipse.persistence.sessions.SessionEventAdapter;

/**
 * Runs the schema migrations just before EclipseLink first connects (persistence.xml
 * {@code eclipselink.session-event-listener}). Every path to the database through JPA — start-up
 * beans, timers, CDI observers, the first request — goes through this login, so none of them can
 * see the old schema, and a start-up bean added later needs no {@code @DependsOn}.
 */
public class MigrateBeforeLogin extends SessionEventAdapter {

    @Override
    public void preLogin(SessionEvent event) {
        DataSource dataSource = dataSource(event.getSession().getDatasourceLogin());
        // The login may happen inside a JTA transaction (a start-up bean's @PostConstruct); Flyway
        // commits its own work and must not be enlisted in it, so it runs on a thread without one.
        RuntimeException[] failure = new RuntimeException[1];
        Thread migration = new Thread(() -> {
            try {
                SchemaMigrations.migrate(dataSource);
            } catch (RuntimeException e) {
                failure[0] = e;
            }
        }, "hollerith-schema-migration");
        migration.start();
        try {
            migration.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while migrating the database schema", e);
        }
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    private static DataSource dataSource(org.eclipse.persistence.sessions.Login login) {
        if (login instanceof DatasourceLogin datasourceLogin
                && datasourceLogin.getConnector() instanceof JNDIConnector connector) {
            if (connector.getDataSource() != null) {
                return connector.getDataSource();
            }
        }
        try {
            return InitialContext.doLookup(Database.JNDI_NAME);
        } catch (NamingException e) {
            throw new IllegalStateException("Cannot find the datasource " + Database.JNDI_NAME + " to migrate the schema", e);
        }
    }
}
