package dev.hollerith.platform.control;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Tells every instance of the cluster that something it may hold in process memory changed (a new
 * data version, a revoked token, a changed widget config). The hot read paths keep near caches in
 * plain maps, because a grid read is a round trip even on one node; this topic is what keeps those
 * maps true. Messages are text ({@code channel \n payload}) so any member can read them without the
 * application's classes. A message is applied on the publishing instance at once and on the
 * others as soon as the grid delivers it (milliseconds on a LAN). Without a data grid it is local only.
 */
@ApplicationScoped
public class GridInvalidations {

    static final String TOPIC = "hollerith-near-cache-invalidations";
    private static final Logger LOG = Logger.getLogger(GridInvalidations.class.getName());

    private final Map<String, List<Consumer<String>>> subscribers = new ConcurrentHashMap<>();
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private ITopic<String> topic;
    private Thread worker;

    @Resource
    ManagedThreadFactory threads;
    private UUID registration;

    @PostConstruct
    void join() {
        try {
            if (new InitialContext().lookup("payara/Hazelcast") instanceof HazelcastInstance grid && grid.getLifecycleService().isRunning()) {
                topic = grid.getTopic(TOPIC);
                // grid event threads carry no application context (no executors, no EJB naming):
                // they only queue; a managed thread of the application applies the messages in order
                worker = threads.newThread(this::applyQueued);
                worker.setDaemon(true);
                worker.setName("hollerith-near-cache-invalidations");
                worker.start();
                registration = topic.addMessageListener(message -> {
                    // our own messages were applied when published: skip the echo
                    if (!message.getPublishingMember().localMember()) {
                        received.offer(message.getMessageObject());
                    }
                });
            }
        } catch (NamingException | RuntimeException | LinkageError noGrid) {
            LOG.log(Level.INFO, "No data grid: near caches are invalidated on this instance only ({0})", noGrid.toString());
        }
    }

    private void applyQueued() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                dispatch(received.take());
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @PreDestroy
    void leave() {
        if (worker != null) {
            worker.interrupt();
        }
        if (topic != null && registration != null) {
            try {
                topic.removeMessageListener(registration);
            } catch (RuntimeException gridGone) {
                LOG.log(Level.FINE, "grid already stopped", gridGone);
            }
        }
    }

    /** Receives the payloads of one channel, from this instance (on the publishing thread) and every other one (on one application thread, in order): keep it short. */
    public void subscribe(String channel, Consumer<String> subscriber) {
        subscribers.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(subscriber);
    }

    public void publish(String channel, String payload) {
        String message = channel + "\n" + payload;
        dispatch(message);
        if (topic != null) {
            try {
                topic.publish(message);
            } catch (RuntimeException gridDown) {
                // the near caches' own expiry still bounds how long another instance can be wrong
                LOG.log(Level.WARNING, "Could not tell the other instances about {0}: {1}", new Object[] {channel, gridDown.toString()});
            }
        }
    }

    private void dispatch(String message) {
        int newline = message.indexOf('\n');
        if (newline < 0) {
            return;
        }
        List<Consumer<String>> list = subscribers.get(message.substring(0, newline));
        if (list == null) {
            return;
        }
        String payload = message.substring(newline + 1);
        for (Consumer<String> subscriber : list) {
            try {
                subscriber.accept(payload);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Near-cache invalidation failed: {0}", e.toString());
            }
        }
    }
}
