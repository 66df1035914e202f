package dev.hollerith.widgetdata.control;

import dev.hollerith.platform.control.Periodic;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The SSE listeners of this instance, by data key. A new version, committed here or on another
 * instance, is announced by {@link DataVersions} (through the grid topic); a short poll of the
 * grid ({@code hollerith.widgetdata.sse-poll-ms}) for the keys that have listeners is the safety
 * net should an announcement be lost. A listener never misses a version: each remembers the last
 * version it was sent and gets the current data whenever the grid is ahead.
 * <p>
 * Fan-out is one rendered event per version, shared by every stream, written by a few tasks in
 * parallel ({@code hollerith.widgetdata.sse-fanout-tasks}); heartbeats are one periodic task for
 * all streams. No stream holds a thread.
 */
@ApplicationScoped
public class DataListeners {

    private static final Logger LOG = Logger.getLogger(DataListeners.class.getName());

    @Inject
    Periodic periodic;

    @Resource
    ManagedExecutorService executor;

    @Inject
    RenderedData rendered;

    @Inject
    PinnedVersions pins;

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

    @Inject
    @ConfigProperty(name = "hollerith.widgetdata.sse-fanout-tasks", defaultValue = "4")
    int fanoutTasks;

    private final Map<String, Audience> audiences = new ConcurrentHashMap<>();
    private ScheduledFuture<?> poll;
    private ScheduledFuture<?> heartbeat;
    private volatile Sse sse;

    /** The streams of one data key, and what they need to be sent a new version. */
    private static final class Audience {
        final DataBinding binding;
        final Set<Listener> listeners = ConcurrentHashMap.newKeySet();
        final AtomicBoolean delivering = new AtomicBoolean();
        /** The served version moved other than forward (a pin set, moved or removed): deliver even if nothing newer is wanted. */
        final AtomicBoolean repinned = new AtomicBoolean();
        volatile long wanted;

        Audience(DataBinding binding) {
            this.binding = binding;
        }
    }

    private static final class Listener {
        final SseEventSink sink;
        long lastSent;
        volatile boolean failed;
        /** Set once the request thread wrote to the stream: Jersey commits the response (and runs
         *  the response filters, some request-scoped) on the first write, so no other thread may write first. */
        volatile boolean ready;

        Listener(SseEventSink sink, long lastSent) {
            this.sink = sink;
            this.lastSent = lastSent;
        }
    }

    @PostConstruct
    void start() {
        long every = Math.max(100, pollMs);
        poll = periodic.every(Duration.ofMillis(every), this::pollGrid);
        long beat = Math.max(1, heartbeatSeconds);
        heartbeat = periodic.every(Duration.ofSeconds(beat), this::heartbeat);
        pins.watch(this::pinChanged);
    }

    @PreDestroy
    void stop() {
        poll.cancel(false);
        heartbeat.cancel(false);
        audiences.values().forEach(audience -> audience.listeners.forEach(listener -> close(listener)));
    }

    /**
     * Keeps the sink open for new versions of the binding's data. The current version is sent at
     * once (on the request thread) unless the client says ({@code Last-Event-ID}) it already has it.
     */
    public void subscribe(DataBinding binding, SseEventSink sink, Sse sse, OptionalLong lastEventId) {
        this.sse = sse;
        Listener listener = new Listener(sink, lastEventId.orElse(0));
        // joining and dropping an empty audience both happen under the map's lock for the key: a
        // stream never joins an audience that is no longer announced to
        Audience audience = audiences.compute(binding.dataKey(), (key, existing) -> {
            Audience joined = existing == null ? new Audience(binding) : existing;
            joined.listeners.add(listener);
            return joined;
        });
        // then, on the request thread, the current version (or a comment): the first write commits
        // the response; deliveries skip the stream until then and catch it up right after
        OptionalLong current = versions.current(binding);
        boolean pinned = pins.version(binding.dataKey()).isPresent();
        boolean sent = false;
        // a pinned version is sent to a client that holds any other, a newer one too (it is what players are to show)
        if (current.isPresent() && (pinned ? current.getAsLong() != listener.lastSent : current.getAsLong() > listener.lastSent)) {
            sent = rendered.current(binding, current.getAsLong()).map(data -> send(listener, event(data), data.pinned())).orElse(false);
        }
        if (!sent && !comment(listener, "connected")) {
            audience.listeners.remove(listener);
            close(listener);
            return;
        }
        listener.ready = true;
        long newest = audience.wanted;
        OptionalLong pin = pins.version(binding.dataKey());
        boolean pinMovedMeanwhile = pin.isPresent() ? pin.getAsLong() != listener.lastSent : pinned;
        if (pinMovedMeanwhile) {
            // a pin changed while this stream was being opened: the delivery it started skipped the stream
            repin(audience);
        } else if (newest > listener.lastSent) {
            announce(binding.integrationId(), binding.discriminator(), newest);
        }
    }

    /**
     * A pin of this key changed on this instance's map (set here or on another instance, or found by the
     * reload): every open stream of the key is sent the now-served version, an older one too, at once.
     */
    void pinChanged(String dataKey) {
        Audience audience = audiences.get(dataKey);
        if (audience != null) {
            repin(audience);
        }
    }

    private void repin(Audience audience) {
        audience.repinned.set(true);
        if (audience.delivering.compareAndSet(false, true)) {
            executor.execute(() -> deliver(audience));
        }
    }

    /** Eager: the grid's announcements may arrive on a grid thread, where this bean could not be created. */
    void startWithTheApplication(@Observes @Initialized(ApplicationScoped.class) Object started) {
        count();
    }

    /** A version was committed (here or on another instance): tell its listeners, off the announcing thread. */
    public void announce(long integrationId, String discriminator, long version) {
        Audience audience = audiences.get(DataKey.of(integrationId, discriminator));
        if (audience == null) {
            return;
        }
        synchronized (audience) {
            audience.wanted = Math.max(audience.wanted, version);
        }
        if (audience.delivering.compareAndSet(false, true)) {
            executor.execute(() -> deliver(audience));
        }
    }

    int count() {
        return audiences.values().stream().mapToInt(a -> a.listeners.size()).sum();
    }

    private void pollGrid() {
        try {
            for (Map.Entry<String, Audience> entry : audiences.entrySet()) {
                Audience audience = entry.getValue();
                if (audience.listeners.isEmpty()) {
                    audiences.computeIfPresent(entry.getKey(), (key, existing) -> existing.listeners.isEmpty() ? null : existing);
                    continue;
                }
                OptionalLong version = versions.cached(entry.getKey());
                // while pinned, newer versions in the grid are not served: nothing to announce
                if (version.isPresent() && version.getAsLong() > audience.wanted && pins.version(entry.getKey()).isEmpty()) {
                    announce(audience.binding.integrationId(), audience.binding.discriminator(), version.getAsLong());
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "SSE grid poll failed: {0}", e.toString());
        }
    }

    /**
     * One delivery per audience at a time; it loops until no listener is behind the wanted version. While
     * the key is pinned, "behind" means holding any other version than the pinned one; otherwise versions
     * only go forward (an instance that lags the grid never sends a stream back).
     */
    private void deliver(Audience audience) {
        try {
            while (true) {
                audience.repinned.set(false);
                long wanted = audience.wanted;
                boolean pinned = pins.version(audience.binding.dataKey()).isPresent();
                Optional<RenderedData.Rendered> data = rendered.current(audience.binding, pinned ? 0 : wanted);
                if (data.isEmpty() || !data.get().pinned() && data.get().version() < wanted) {
                    return;
                }
                OutboundSseEvent event = event(data.get());
                long version = data.get().version();
                boolean exact = data.get().pinned();
                List<Listener> behind = new ArrayList<>();
                for (Listener listener : audience.listeners) {
                    if (listener.ready && (exact ? listener.lastSent != version : listener.lastSent < version)) {
                        behind.add(listener);
                    }
                }
                sendAll(audience, behind, event, exact);
                if (exact) {
                    // the older pinned version is what is served; nothing newer to send until the pin moves
                    synchronized (audience) {
                        audience.wanted = version;
                    }
                    if (!audience.repinned.get()) {
                        return;
                    }
                } else if (audience.wanted <= version && !audience.repinned.get()) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "SSE delivery failed: {0}", e.toString());
        } finally {
            audience.delivering.set(false);
            // a version announced or a pin changed while we were finishing: go again
            if ((audience.repinned.get() || audience.listeners.stream().anyMatch(l -> l.ready && l.lastSent < audience.wanted))
                    && audience.delivering.compareAndSet(false, true)) {
                executor.execute(() -> deliver(audience));
            }
        }
    }

    /** Writes to many streams from a few tasks at once: a write is a blocking socket write on this server. */
    private void sendAll(Audience audience, List<Listener> behind, OutboundSseEvent event, boolean exact) {
        int tasks = Math.max(1, Math.min(fanoutTasks, behind.size() / 256 + 1));
        if (tasks == 1) {
            behind.forEach(listener -> sendOrDrop(audience, listener, event, exact));
            return;
        }
        int slice = (behind.size() + tasks - 1) / tasks;
        List<java.util.concurrent.Future<?>> running = new ArrayList<>();
        for (int from = slice; from < behind.size(); from += slice) {
            List<Listener> part = behind.subList(from, Math.min(behind.size(), from + slice));
            running.add(executor.submit(() -> part.forEach(listener -> sendOrDrop(audience, listener, event, exact))));
        }
        behind.subList(0, Math.min(slice, behind.size())).forEach(listener -> sendOrDrop(audience, listener, event, exact));
        for (var task : running) {
            try {
                task.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.log(Level.WARNING, "SSE fan-out task failed: {0}", e.toString());
            }
        }
    }

    private void sendOrDrop(Audience audience, Listener listener, OutboundSseEvent event, boolean exact) {
        if (!send(listener, event, exact)) {
            audience.listeners.remove(listener);
            close(listener);
        }
    }

    /** False when the stream is gone. {@code exact}: the event is a pinned version, sent unless the stream holds exactly it. */
    private boolean send(Listener listener, OutboundSseEvent event, boolean exact) {
        long version = Long.parseLong(event.getId());
        synchronized (listener) {
            if (listener.failed || listener.sink.isClosed()) {
                return false;
            }
            if (exact ? listener.lastSent == version : listener.lastSent >= version) {
                return true;
            }
            listener.lastSent = version;
            try {
                listener.sink.send(event).whenComplete((ok, failure) -> {
                    if (failure != null) {
                        listener.failed = true;
                    }
                });
                return true;
            } catch (RuntimeException gone) {
                return false;
            }
        }
    }

    private OutboundSseEvent event(RenderedData.Rendered data) {
        return sse.newEventBuilder()
                .id(Long.toString(data.version()))
                .reconnectDelay(reconnectMs)
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(String.class, data.text())
                .build();
    }

    private void heartbeat() {
        // a comment line: keeps proxies from closing an idle stream and finds dead clients
        for (Audience audience : audiences.values()) {
            for (Listener listener : audience.listeners) {
                if (listener.ready && !comment(listener, "keep-alive")) {
                    audience.listeners.remove(listener);
                    close(listener);
                }
            }
        }
    }

    /** False when the stream is gone. */
    private boolean comment(Listener listener, String text) {
        Sse any = sse;
        synchronized (listener) {
            if (any == null || listener.failed || listener.sink.isClosed()) {
                return false;
            }
            try {
                listener.sink.send(any.newEventBuilder().comment(text).build()).whenComplete((ok, failure) -> {
                    if (failure != null) {
                        listener.failed = true;
                    }
                });
                return true;
            } catch (RuntimeException gone) {
                return false;
            }
        }
    }

    private static void close(Listener listener) {
        try {
            listener.sink.close();
        } catch (RuntimeException ignored) {
            // already gone
        }
    }
}
