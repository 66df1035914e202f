package dev.hollerith.widgetdata.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The 200 answer of the player read path, rendered once: the JSON bytes of the current version
 * of each data key in memory, so a poll without the current version costs neither a database read
 * nor a JSON parse. An entry is used only for the version the caller was told is current, and for
 * at most {@code hollerith.widgetdata.rendered-ms}: {@code fetched_at} and {@code status} change
 * without a new version (a pull confirms or fails, data turns stale), so they are re-read that
 * often, once per instance and data key however many players poll.
 */
@ApplicationScoped
public class RenderedData {

    @Inject
    WidgetDataReader reader;

    @Inject
    PinnedVersions pins;

    @Inject
    @ConfigProperty(name = "hollerith.widgetdata.rendered-ms", defaultValue = "1000")
    long renderedMs;

    /** One rendered answer: the body, the version it holds, and whether that version was pinned when it was read. */
    public record Rendered(long version, byte[] json, long renderedAt, AtomicBoolean refreshing, boolean pinned) {

        public String text() {
            return new String(json, StandardCharsets.UTF_8);
        }
    }

    private final Map<String, Rendered> byKey = new ConcurrentHashMap<>();

    @PostConstruct
    void watchPins() {
        pins.watch(this::pinChanged);
    }

    /**
     * The rendered data of the binding, at least at {@code currentVersion} when that is given
     * (0 = whatever is stored); empty when there is no data. While the key is pinned (issue 17) it is
     * the pinned version's answer, rendered once like any other: an entry is used only while the pin it was
     * read under still holds, so a pin set, moved or removed (here or on another instance, see
     * {@link PinnedVersions#watch}) is served from the next request on, whatever the entry's age.
     */
    public Optional<Rendered> current(DataBinding binding, long currentVersion) {
        String key = binding.dataKey();
        long now = System.nanoTime();
        OptionalLong pin = pins.version(key);
        Rendered rendered = byKey.get(key);
        boolean usable = rendered != null && (pin.isPresent()
                ? rendered.pinned && rendered.version == pin.getAsLong()
                : !rendered.pinned && rendered.version >= currentVersion);
        boolean claimed = false;
        if (usable) {
            // one re-read per key at a time; the others answer from the entry meanwhile
            if (now - rendered.renderedAt < renderedMs * 1_000_000L || !rendered.refreshing.compareAndSet(false, true)) {
                return Optional.of(rendered);
            }
            claimed = true;
        }
        Optional<Rendered> fresh;
        try {
            fresh = reader.read(binding.integrationId(), binding.discriminator())
                    .map(view -> new Rendered(view.version(), view.toJson().toString().getBytes(StandardCharsets.UTF_8), now,
                            new AtomicBoolean(), view.pinned()));
        } finally {
            if (claimed) {
                rendered.refreshing.set(false);
            }
        }
        // of two unpinned reads the newer version stays; otherwise the last read wins (each use checks the pin anyway)
        fresh.ifPresentOrElse(r -> byKey.merge(key, r, (old, mine) -> !old.pinned && !mine.pinned && old.version > mine.version ? old : mine),
                () -> byKey.remove(key));
        return fresh;
    }

    /** A pin of this key changed: the entry is dropped rather than kept until it is next checked. */
    void pinChanged(String dataKey) {
        byKey.remove(dataKey);
    }
}
