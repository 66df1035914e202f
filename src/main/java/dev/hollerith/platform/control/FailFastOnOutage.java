package dev.hollerith.platform.control;

import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.Session;

/**
 * EclipseLink retries a query that lost its connection three times, five seconds apart. Behind a
 * container pool that validates every connection it hands out, a retry only finds the database
 * still gone: during an outage each request would hold an HTTP thread for 15 s before its 503.
 * Failing at once keeps the threads free for the requests that need no database (cached tokens,
 * the 304 path) and tells clients to come back ({@code Retry-After}).
 */
public class FailFastOnOutage implements SessionCustomizer {

    @Override
    public void customize(Session session) {
        if (session.getDatasourceLogin() instanceof DatabaseLogin login) {
            login.setQueryRetryAttemptCount(0);
            login.setDelayBetweenConnectionAttempts(0);
        }
    }
}
