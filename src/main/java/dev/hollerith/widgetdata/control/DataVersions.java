package dev.hollerith.widgetdata.control;

import dev.hollerith.history.control.Pins;
import dev.hollerith.platform.control.GridCaches;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import javax.cache.Cache;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The current versions, in the data grid, so that a player that already holds the current version
 * is answered 304 without a database round trip on any instance. Two caches: widget config id →
 * {@link DataBinding} (organization, integration, discriminator), and data key → version. A new
 * version is written to the grid after its transaction commits; the grid value only ever moves
 * forward (compare-and-swap), so commits announced out of order cannot turn it back. A miss falls
 * back to the database and fills the cache.
 */
@ApplicationScoped
public class DataVersions {

    @Inject
    GridCaches caches;

    @Inject
    WidgetDataReader reader;

    @Inject
    DataListeners listeners;

    @Inject
    Pins pins;

    @Inject
    @ConfigProperty(name = "hollerith.widgetdata.binding-cache-seconds", defaultValue = "30")
    long bindingSeconds;

    @Inject
    @ConfigProperty(name = "hollerith.widgetdata.version-cache-seconds", defaultValue = "3600")
    long versionSeconds;

    private Cache<String, String> bindings;
    private Cache<String, Long> versions;

    @PostConstruct
    void open() {
        bindings = caches.cache("hollerith-widget-data-bindings", String.class, Duration.ofSeconds(Math.max(1, bindingSeconds)));
        versions = caches.cacheExpiringAfterWrite("hollerith-widget-data-versions", Long.class, Duration.ofSeconds(Math.max(1, versionSeconds)));
    }

    public Optional<DataBinding> binding(String widgetConfigId) {
        String cached = bindings.get(widgetConfigId);
        if (cached != null) {
            return Optional.of(DataBinding.decode(cached));
        }
        Optional<DataBinding> bound = reader.bind(widgetConfigId);
        bound.ifPresent(binding -> bindings.put(widgetConfigId, binding.encode()));
        return bound;
    }

    /** The current version of a binding's data; empty when it has no data yet. */
    public OptionalLong current(DataBinding binding) {
        // an operator's pin (issue 17) wins over the newest version; an in-memory lookup
        OptionalLong pinned = pins.version(binding.dataKey());
        if (pinned.isPresent()) {
            return pinned;
        }
        Long cached = versions.get(binding.dataKey());
        if (cached != null) {
            return OptionalLong.of(cached);
        }
        OptionalLong stored = reader.version(binding.integrationId(), binding.discriminator());
        stored.ifPresent(version -> advance(binding.dataKey(), version));
        return stored;
    }

    /** Only from the cache: for the SSE poll, which must stay cheap. */
    public OptionalLong cached(String dataKey) {
        Long cached = versions.get(dataKey);
        return cached == null ? OptionalLong.empty() : OptionalLong.of(cached);
    }

    public void advance(String dataKey, long version) {
        for (int attempt = 0; attempt < 16; attempt++) {
            Long current = versions.get(dataKey);
            if (current == null) {
                if (versions.putIfAbsent(dataKey, version)) {
                    return;
                }
            } else if (current >= version || versions.replace(dataKey, current, version)) {
                return;
            }
        }
    }

    void published(@Observes(during = TransactionPhase.AFTER_SUCCESS) DataPublished event) {
        advance(event.dataKey(), event.version());
        listeners.announce(event.integrationId(), event.discriminator(), event.version());
    }
}
