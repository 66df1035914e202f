package dev.hollerith.platform.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The periodic housekeeping of this instance (pin reloads, the SSE grid poll and heartbeat, stale-data
 * looks, history pruning) on one plain scheduler whose two threads the managed thread factory made, so
 * they carry the application's context. Not the container's ManagedScheduledExecutorService: it sets
 * the context up and resets it around every run, and under load that reset races (Payara issue 5697):
 * "No invocation on invocation stack", logged as SEVERE with a dead pool thread, once a second with the
 * SSE poll during the webhook ingest benchmark.
 */
@ApplicationScoped
public class Periodic {

    private static final Logger LOG = Logger.getLogger(Periodic.class.getName());

    @Resource
    ManagedThreadFactory threads;

    private ScheduledExecutorService scheduler;

    @PostConstruct
    void start() {
        AtomicInteger number = new AtomicInteger();
        scheduler = Executors.newScheduledThreadPool(2, task -> {
            Thread thread = threads.newThread(task);
            thread.setName("hollerith-periodic-" + number.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }

    /** Runs {@code task} every {@code period}, the first time one period from now; a run that throws is logged and the next one still comes. */
    public ScheduledFuture<?> every(Duration period, Runnable task) {
        long millis = Math.max(1, period.toMillis());
        return scheduler.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException failed) {
                LOG.log(Level.WARNING, "A periodic task failed: {0}", failed.toString());
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }
}
