package dev.hollerith.history.control;

import dev.hollerith.platform.control.Periodic;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs {@link HistoryRetention} every {@code hollerith.data.history.prune-seconds} (default 900) on each
 * instance: a managed executor rather than an EJB timer, so the period is configuration.
 */
@Singleton
@Startup
public class HistoryPruning {

    private static final Logger LOG = Logger.getLogger(HistoryPruning.class.getName());

    @Inject
    Periodic periodic;

    @EJB
    HistoryRetention retention;

    @Inject
    @ConfigProperty(name = "hollerith.data.history.prune-seconds", defaultValue = "900")
    long pruneSeconds;

    private ScheduledFuture<?> task;

    @PostConstruct
    void start() {
        long every = Math.max(1, pruneSeconds);
        task = periodic.every(Duration.ofSeconds(every), this::pruneQuietly);
    }

    @PreDestroy
    void stop() {
        task.cancel(false);
    }

    private void pruneQuietly() {
        try {
            int deleted = retention.prune(Instant.now());
            if (deleted > 0) {
                LOG.log(Level.FINE, "Pruned {0} versions from the data history", deleted);
            }
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "Pruning the data history failed: {0}", failed.toString());
        }
    }
}
