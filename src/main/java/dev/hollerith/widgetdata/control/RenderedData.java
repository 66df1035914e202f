package dev.hollerith.widgetdata.control;

import dev.hollerith.history.control.Pins;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
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
    Pins pins;

    @Inject
    @ConfigProperty(name = "hollerith.widgetdata.rendered-ms", defaultValue = "1000")
    long renderedMs;

    /** One rendered answer: the body and the version it holds. */
    public record Rendered(long version, byte[] json, long renderedAt, AtomicBoolean refreshing) {

        public String text() {
            return new String(json, StandardCharsets.UTF_8);
        }
    }

    private final Map<String, Rendered> byKey = new ConcurrentHashMap<>();

    /**
     * The rendered data of the binding, at least at {@code currentVersion} when that is given
     * (0 = whatever is stored); empty when there is no data.
     */
    public Optional<Rendered> current(DataBinding binding, long currentVersion) {
        String key = binding.dataKey();
        long now = System.nanoTime();
        if (pins.version(key).isPresent()) {
            // pinned (issue 17): the answer is the pinned version, which this cache of the newest does not hold
            return reader.read(binding.integrationId(), binding.discriminator())
                    .map(view -> new Rendered(view.version(), view.toJson().toString().getBytes(StandardCharsets.UTF_8), now, new AtomicBoolean()));
        }
        Rendered rendered = byKey.get(key);
        if (rendered != null && rendered.version >= currentVersion) {
            // one re-read per key at a time; the others answer from the entry meanwhile
            if (now - rendered.renderedAt < renderedMs * 1_000_000L || !rendered.refreshing.compareAndSet(false, true)) {
                return Optional.of(rendered);
            }
        }
        Optional<Rendered> fresh;
        try {
            fresh = reader.read(binding.integrationId(), binding.discriminator())
                    .map(view -> new Rendered(view.version(), view.toJson().toString().getBytes(StandardCharsets.UTF_8), now,
                            new AtomicBoolean()));
        } finally {
            if (rendered != null) {
                rendered.refreshing.set(false);
            }
        }
        fresh.ifPresentOrElse(r -> byKey.merge(key, r, (old, mine) -> old.version > mine.version ? old : mine), () -> byKey.remove(key));
        return fresh;
    }
}
