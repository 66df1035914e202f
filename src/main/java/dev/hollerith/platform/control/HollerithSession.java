package dev.hollerith.platform.control;

import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.Session;

/**
 * The one EclipseLink session customizer (persistence.xml): fail fast on an outage, and send a flush's inserts and updates as JDBC batches: a webhook group commit writes dozens
 * of log rows, and one round trip for all of them instead of one each is most of its database time.
 */
public class HollerithSession implements SessionCustomizer {

    @Override
    public void customize(Session session) throws Exception {
        new FailFastOnOutage().customize(session);
        if (session.getDatasourceLogin() instanceof DatabaseLogin login) {
            login.setUsesBatchWriting(true);
            login.setUsesJDBCBatchWriting(true);
            login.setMaxBatchWritingSize(256);
        }
    }
}
