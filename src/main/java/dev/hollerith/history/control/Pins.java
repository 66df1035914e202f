package dev.hollerith.history.control;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import dev.hollerith.history.entity.DataPin;
import dev.hollerith.platform.control.Periodic;
import dev.hollerith.widgetdata.control.PinnedVersions;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The pinned versions, in this instance's memory: the player read path asks on every poll, so the
 * answer must cost a map lookup, not a grid or database round trip (DESIGN.md "Hot paths"). A change
 * is committed to the database first, then applied here and broadcast to the other instances on a
 * data-grid topic; a periodic reload from the database repairs anything a broadcast missed (an
 * instance that joined late, a message lost in a split).
 */
@ApplicationScoped
public class Pins implements PinnedVersions {

    static final String TOPIC = "hollerith-data-pins";
    private static final Logger LOG = Logger.getLogger(Pins.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    Periodic periodic;

    @Inject
    @ConfigProperty(name = "hollerith.data-history.pin-reload-seconds", defaultValue = "30")
    long reloadSeconds;

    private final Map<String, Long> pinned = new ConcurrentHashMap<>();
    private final List<Consumer<String>> watchers = new CopyOnWriteArrayList<>();
    private final AtomicLong changes = new AtomicLong();
    private volatile boolean loaded;
    private volatile long lastAttempt;
    private ITopic<String> topic;
    private UUID listener;
    private ScheduledFuture<?> reload;

    @PostConstruct
    void start() {
        topic = grid().map(hazelcast -> hazelcast.<String>getTopic(TOPIC)).orElse(null);
        if (topic != null) {
            listener = topic.addMessageListener(message -> apply(message.getMessageObject()));
        }
        long every = Math.max(1, reloadSeconds);
        reload = periodic.every(Duration.ofSeconds(every), this::reloadQuietly);
    }

    @PreDestroy
    void stop() {
        reload.cancel(false);
        if (topic != null && listener != null) {
            try {
                topic.removeMessageListener(listener);
            } catch (RuntimeException gridGone) {
                LOG.log(Level.FINE, "data grid already stopped", gridGone);
            }
        }
    }

    /** A map lookup once loaded. */
    @Override
    public OptionalLong version(String dataKey) {
        if (!loaded) {
            loadOnce();
        }
        Long version = pinned.get(dataKey);
        return version == null ? OptionalLong.empty() : OptionalLong.of(version);
    }

    @Override
    public void watch(Consumer<String> watcher) {
        watchers.add(watcher);
    }

    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) PinChanged change) {
        String message = change.dataKey() + "\t" + change.version();
        apply(message);
        if (topic != null) {
            try {
                topic.publish(message);
            } catch (RuntimeException gridTrouble) {
                // the others pick the change up with their next reload from the database
                LOG.log(Level.WARNING, "Could not broadcast a pin change: {0}", gridTrouble.toString());
            }
        }
    }

    private void apply(String message) {
        int tab = message.lastIndexOf('\t');
        String key = message.substring(0, tab);
        long version = Long.parseLong(message.substring(tab + 1));
        changes.incrementAndGet();
        Long before = version > 0 ? pinned.put(key, version) : pinned.remove(key);
        if (before == null ? version > 0 : before != version) {
            changed(key);
        }
    }

    private void changed(String dataKey) {
        for (Consumer<String> watcher : watchers) {
            try {
                watcher.accept(dataKey);
            } catch (RuntimeException failed) {
                LOG.log(Level.WARNING, "A pin watcher failed: {0}", failed.toString());
            }
        }
    }

    private synchronized void loadOnce() {
        // without a database the read path must not retry on every request
        if (loaded || System.currentTimeMillis() - lastAttempt < 5_000) {
            return;
        }
        lastAttempt = System.currentTimeMillis();
        reloadQuietly();
    }

    private void reloadQuietly() {
        try {
            for (int attempt = 0; attempt < 3; attempt++) {
                long before = changes.get();
                Map<String, Long> stored = new HashMap<>();
                em.createNamedQuery(DataPin.ALL, DataPin.class).getResultList().forEach(pin -> stored.put(pin.dataKey(), pin.version()));
                // a change that arrived while we read may be newer than what we read: read again
                if (changes.get() == before) {
                    List<String> differ = new java.util.ArrayList<>();
                    pinned.forEach((key, version) -> {
                        if (!version.equals(stored.get(key))) {
                            differ.add(key);
                        }
                    });
                    stored.forEach((key, version) -> {
                        if (!pinned.containsKey(key)) {
                            differ.add(key);
                        }
                    });
                    pinned.keySet().retainAll(stored.keySet());
                    pinned.putAll(stored);
                    loaded = true;
                    // a broadcast this instance missed: the read path learns it now
                    differ.forEach(this::changed);
                    return;
                }
            }
        } catch (RuntimeException unavailable) {
            LOG.log(Level.WARNING, "Could not load the data pins: {0}", unavailable.toString());
        }
    }

    private static java.util.Optional<HazelcastInstance> grid() {
        try {
            return new InitialContext().lookup("payara/Hazelcast") instanceof HazelcastInstance hazelcast
                    && hazelcast.getLifecycleService().isRunning() ? java.util.Optional.of(hazelcast) : java.util.Optional.empty();
        } catch (NamingException | RuntimeException | LinkageError absent) {
            LOG.log(Level.FINE, "No data grid: pins are kept per instance and reloaded from the database", absent);
            return java.util.Optional.empty();
        }
    }
}
