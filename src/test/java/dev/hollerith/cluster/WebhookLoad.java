package dev.hollerith.cluster;

import dev.hollerith.testing.ApiResponse;
import dev.hollerith.testing.PayaraProcess;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A steady webhook load: one sender per widget config, each alternating between the nodes and
 * moving on to the next node when one does not answer. Records what was acknowledged (200 with a
 * version) as {@code config:version}. Bounded by {@code maxDeliveries}.
 */
final class WebhookLoad {

    private final ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger unanswered = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService senders;

    private WebhookLoad(Push push, List<PayaraProcess> nodes, int maxDeliveries) {
        senders = Executors.newFixedThreadPool(push.configs().size());
        for (int s = 0; s < push.configs().size(); s++) {
            String config = push.configs().get(s);
            int first = s;
            senders.execute(() -> {
                int next = first;
                long n = 0;
                while (running.get() && sent.incrementAndGet() <= maxDeliveries) {
                    PayaraProcess node = nodes.get(next++ % nodes.size());
                    try {
                        ApiResponse answer = node.api().anonymous().post(push.path(config), "{\"data\":{\"n\":" + (++n) + "}}");
                        if (answer.status() == 200) {
                            acknowledged.add(config + ":" + answer.json().getJsonNumber("version").longValue());
                        }
                    } catch (UncheckedIOException | IllegalStateException noAnswer) {
                        unanswered.incrementAndGet(); // the node is gone: nothing was acknowledged
                    }
                    pause(10);
                }
            });
        }
    }

    static WebhookLoad start(Push push, List<PayaraProcess> nodes, int maxDeliveries) {
        return new WebhookLoad(push, nodes, maxDeliveries);
    }

    void awaitAcknowledged(int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (acknowledged.size() < count && Instant.now().isBefore(deadline)) {
            pause(50);
        }
        if (acknowledged.size() < count) {
            throw new AssertionError("only " + acknowledged.size() + " of " + count + " deliveries acknowledged within " + timeout);
        }
    }

    void stop() throws InterruptedException {
        running.set(false);
        senders.shutdown();
        if (!senders.awaitTermination(90, TimeUnit.SECONDS)) {
            throw new AssertionError("webhook senders did not stop");
        }
    }

    List<String> acknowledged() {
        return new ArrayList<>(acknowledged);
    }

    int unanswered() {
        return unanswered.get();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
