package dev.hollerith.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For a class that starts its own {@link PayaraProcess}es (restarts, a cluster, an outage, a special
 * environment): the shared server and the shared cluster are stopped first, so that no third instance pulls feeds, punches
 * queued messages or caches data keys on the same database while the class watches its own.
 * {@link ServerOrder} runs these classes after the shared-server ones, so the shared server boots once.
 */
public final class OwnServers implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        SharedServer.stop(context);
        SharedCluster.stop(context);
    }
}
