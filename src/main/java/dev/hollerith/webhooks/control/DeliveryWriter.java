package dev.hollerith.webhooks.control;

import dev.hollerith.platform.control.DurableCommits;
import dev.hollerith.widgetdata.control.WidgetDataStore;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Group commit for webhook deliveries. Request threads queue their delivery and wait; a writer thread
 * takes whatever has queued up meanwhile (up to {@code hollerith.webhooks.max-batch}) and stores it in
 * one transaction, makes it durable ({@link DurableCommits}), announces each data key's new version
 * once, and only then completes every delivery of the batch. Under load, one commit serves dozens of
 * deliveries; alone, a delivery waits for nothing but its own commit. Deliveries are spread over
 * {@code hollerith.webhooks.writers} lanes by data key, so a key is always written by one lane, in
 * arrival order, and two lanes never wait for each other's row locks.
 * If a batch fails, its deliveries are retried one by one, so one bad delivery fails alone.
 */
@ApplicationScoped
public class DeliveryWriter {

    private static final Logger LOG = Logger.getLogger(DeliveryWriter.class.getName());

    @Resource
    ManagedThreadFactory threads;

    @EJB
    WebhookIngest ingest;

    @EJB
    WidgetDataStore store;

    @Inject
    DurableCommits durable;

    /** Lanes; 0: one on the embedded H2 (it writes one commit at a time, so a second lane only halves the batches), two elsewhere. */
    @Inject
    @ConfigProperty(name = "hollerith.webhooks.writers", defaultValue = "0")
    int writers;

    @Inject
    @ConfigProperty(name = "hollerith.webhooks.max-batch", defaultValue = "256")
    int maxBatch;

    @Inject
    @ConfigProperty(name = "hollerith.webhooks.queue-capacity", defaultValue = "4096")
    int queueCapacity;

    private final List<Lane> lanes = new ArrayList<>();
    private volatile boolean running = true;
    /**
     * Announces new versions, side by side. Plain pool threads made once by the managed thread factory (so
     * they carry the application's context): a managed executor captures that context again for every
     * task, which scanned the class path through the service loader and cost more than the whole
     * transaction of a batch.
     */
    private ExecutorService announcers;

    private final class Lane implements Runnable {
        final BlockingQueue<PendingDelivery> queue = new LinkedBlockingQueue<>(Math.max(1, queueCapacity));
        Thread thread;

        @Override
        public void run() {
            List<PendingDelivery> batch = new ArrayList<>();
            while (running || !queue.isEmpty()) {
                try {
                    PendingDelivery first = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, Math.max(0, maxBatch - 1));
                    write(batch);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (RuntimeException unexpected) {
                    LOG.log(Level.SEVERE, "Webhook writer failed: {0}", unexpected.toString());
                    batch.forEach(p -> p.stored().completeExceptionally(unexpected));
                } finally {
                    batch.clear();
                }
            }
            for (PendingDelivery left; (left = queue.poll()) != null; ) {
                left.stored().completeExceptionally(new IllegalStateException("the instance is stopping"));
            }
        }
    }

    @PostConstruct
    void start() {
        int laneCount = writers > 0 ? writers : durable.embedded() ? 1 : 2;
        AtomicInteger announcerNumber = new AtomicInteger();
        announcers = Executors.newFixedThreadPool(2 * laneCount, task -> {
            Thread thread = threads.newThread(task);
            thread.setName("hollerith-webhook-announcer-" + announcerNumber.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < laneCount; i++) {
            Lane lane = new Lane();
            lane.thread = threads.newThread(lane);
            lane.thread.setName("hollerith-webhook-writer-" + i);
            lane.thread.start();
            lanes.add(lane);
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        for (Lane lane : lanes) {
            try {
                lane.thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        announcers.shutdown();
    }

    /** Queues the delivery; the future completes once it is durably stored (or fails). Refuses at once when the queue is full. */
    public CompletableFuture<PendingDelivery.Stored> submit(PendingDelivery pending) {
        if (!running) {
            pending.stored().completeExceptionally(new IllegalStateException("the instance is stopping"));
        } else if (!lanes.get(Math.floorMod(pending.dataKey().hashCode(), lanes.size())).queue.offer(pending)) {
            pending.stored().completeExceptionally(new IllegalStateException("the webhook queue is full"));
        }
        return pending.stored();
    }

    private void write(List<PendingDelivery> batch) {
        WebhookIngest.Batch written;
        try {
            written = ingest.accept(batch);
        } catch (RuntimeException batchFailed) {
            if (batch.size() == 1) {
                batch.get(0).stored().completeExceptionally(batchFailed);
            } else {
                batch.forEach(pending -> write(new ArrayList<>(List.of(pending))));
            }
            return;
        }
        try {
            durable.sync();
        } catch (RuntimeException notDurable) {
            // committed but perhaps not on disk: not acknowledged (503); a re-send is recognised as a duplicate
            LOG.log(Level.WARNING, "Webhook batch committed but not synced to disk: {0}", notDurable.toString());
            batch.forEach(pending -> pending.stored().completeExceptionally(notDurable));
            return;
        }
        announce(written.newVersions(), batch);
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).stored().complete(written.outcomes().get(i));
        }
    }

    /** One announcement per key, side by side: each is a grid round trip or two, and the batch waits for all. */
    private void announce(Map<String, Long> newVersions, List<PendingDelivery> batch) {
        List<CompletableFuture<Void>> announced = new ArrayList<>();
        for (PendingDelivery pending : batch) {
            Long version = newVersions.remove(pending.dataKey());
            if (version != null) {
                WebhookTarget target = pending.target();
                announced.add(CompletableFuture.runAsync(() -> store.announce(target.integrationId(), target.discriminator(), version), announcers)
                        .exceptionally(gridTrouble -> {
                            // the data is stored: a reader that misses the announcement finds the version in the database
                            LOG.log(Level.WARNING, "Could not announce a new webhook data version: {0}", gridTrouble.toString());
                            return null;
                        }));
            }
        }
        try {
            CompletableFuture.allOf(announced.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException slow) {
            LOG.log(Level.WARNING, "Announcing new webhook data versions took too long: {0}", slow.toString());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
