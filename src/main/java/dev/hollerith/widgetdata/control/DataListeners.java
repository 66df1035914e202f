package dev.hollerith.widgetdata.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The SSE listeners of this instance, by data key. A version written on this instance is announced
 * right after its commit; a version written on another instance reaches the grid cache there and is
 * found here by a short poll of the grid ({@code hollerith.widgetdata.sse-poll-ms}) for the keys
 * that have listeners only. That works the same on one node and in a cluster, needs no messaging
 * beyond the JCache the application already uses, and a listener never misses a version: each one
 * remembers the last version it was sent and gets the current data whenever the grid is ahead.
 */
@ApplicationScoped
public class DataListeners {

    private static final Logger LOG = Logger.getLogger(DataListeners.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    WidgetDataReader reader;

    @Inject
    DataVersions versions;

    @Inject
    @ConfigProperty(name = "hollerith.widgetdata.sse-poll-ms", defaultValue = "1000")
    long pollMs;

    @Inject
    @ConfigProperty(name = "hollerith.widgetdata.sse-heartbeat-seconds", defaultValue = "25")
    long heartbeatSeconds;

    @Inject
    @ConfigProperty(name = "hollerith.widgetdata.sse-reconnect-ms", defaultValue = "3000")
    long reconnectMs;

    private final Map<String, Set<Listener>> listeners = new ConcurrentHashMap<>();
    private ScheduledFuture<?> poll;
    private ScheduledFuture<?> heartbeat;

    private static final class Listener {
        final SseEventSink sink;
        final Sse sse;
        final long integrationId;
        final String discriminator;
        volatile long lastSent;

        Listener(SseEventSink sink, Sse sse, long integrationId, String discriminator, long lastSent) {
            this.sink = sink;
            this.sse = sse;
            this.integrationId = integrationId;
            this.discriminator = discriminator;
            this.lastSent = lastSent;
        }
    }

    @PostConstruct
    void start() {
        long every = Math.max(100, pollMs);
        poll = scheduler.scheduleWithFixedDelay(this::pollGrid, every, every, TimeUnit.MILLISECONDS);
        long beat = Math.max(1, heartbeatSeconds);
        heartbeat = scheduler.scheduleWithFixedDelay(this::heartbeat, beat, beat, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        poll.cancel(false);
        heartbeat.cancel(false);
        listeners.values().forEach(set -> set.forEach(listener -> listener.sink.close()));
    }

    /**
     * Keeps the sink open for new versions of the binding's data. The current version is sent at
     * once unless the client says ({@code Last-Event-ID}) it already has it.
     */
    public void subscribe(DataBinding binding, SseEventSink sink, Sse sse, OptionalLong lastEventId) {
        Listener listener = new Listener(sink, sse, binding.integrationId(), binding.discriminator(), lastEventId.orElse(0));
        listeners.computeIfAbsent(binding.dataKey(), key -> ConcurrentHashMap.newKeySet()).add(listener);
        OptionalLong current = versions.current(binding);
        if (current.isPresent() && current.getAsLong() > listener.lastSent) {
            reader.read(binding.integrationId(), binding.discriminator()).ifPresent(view -> send(binding.dataKey(), listener, view));
        }
    }

    /** A version was committed (on this instance): tell its listeners, off the committing thread. */
    public void announce(long integrationId, String discriminator, long version) {
        String key = DataKey.of(integrationId, discriminator);
        if (listeners.containsKey(key)) {
            scheduler.execute(() -> deliver(key, integrationId, discriminator, version));
        }
    }

    int count() {
        return listeners.values().stream().mapToInt(Set::size).sum();
    }

    private void pollGrid() {
        try {
            for (Map.Entry<String, Set<Listener>> entry : listeners.entrySet()) {
                Optional<Listener> any = entry.getValue().stream().findAny();
                if (any.isEmpty()) {
                    listeners.remove(entry.getKey(), entry.getValue());
                    continue;
                }
                OptionalLong version = versions.cached(entry.getKey());
                if (version.isPresent()) {
                    deliver(entry.getKey(), any.get().integrationId, any.get().discriminator, version.getAsLong());
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "SSE grid poll failed: {0}", e.toString());
        }
    }

    private void deliver(String key, long integrationId, String discriminator, long version) {
        Set<Listener> set = listeners.get(key);
        if (set == null || set.stream().noneMatch(listener -> listener.lastSent < version)) {
            return;
        }
        // one database read per new version and instance, however many listeners
        reader.read(integrationId, discriminator).ifPresent(view -> {
            for (Listener listener : set) {
                if (listener.lastSent < view.version()) {
                    send(key, listener, view);
                }
            }
        });
    }

    private void send(String key, Listener listener, DataView view) {
        if (listener.sink.isClosed()) {
            remove(key, listener);
            return;
        }
        listener.lastSent = view.version();
        OutboundSseEvent event = listener.sse.newEventBuilder()
                .id(Long.toString(view.version()))
                .reconnectDelay(reconnectMs)
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(String.class, view.toJson().toString())
                .build();
        listener.sink.send(event).whenComplete((ok, failed) -> {
            if (failed != null) {
                remove(key, listener);
            }
        });
    }

    private void heartbeat() {
        for (Map.Entry<String, Set<Listener>> entry : listeners.entrySet()) {
            for (Listener listener : entry.getValue()) {
                if (listener.sink.isClosed()) {
                    remove(entry.getKey(), listener);
                    continue;
                }
                // a comment line: keeps proxies from closing an idle stream and finds dead clients
                listener.sink.send(listener.sse.newEventBuilder().comment("keep-alive").build()).whenComplete((ok, failed) -> {
                    if (failed != null) {
                        remove(entry.getKey(), listener);
                    }
                });
            }
        }
    }

    private void remove(String key, Listener listener) {
        Set<Listener> set = listeners.get(key);
        if (set != null) {
            set.remove(listener);
            try {
                listener.sink.close();
            } catch (RuntimeException ignored) {
                // already gone
            }
        }
    }
}
