package dev.hollerith.widgetdata.control;

import dev.hollerith.platform.control.AfterCommit;
import dev.hollerith.platform.control.GridCaches;
import dev.hollerith.platform.control.GridInvalidations;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import javax.cache.Cache;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The current versions, so that a player that already holds the current version is answered 304
 * without a database round trip. Two levels, each with two maps (widget config id →
 * {@link DataBinding}, data key → version): a near cache in this process, which is what the
 * steady-state poll touches, and the data grid behind it, shared by the cluster. A new version is
 * written to the grid after its transaction commits (compare-and-swap, only ever forward, so
 * commits announced out of order cannot turn it back) and announced to every instance through
 * {@link GridInvalidations}, as is a changed or deleted widget config. The near version is also
 * re-read from the grid every {@code hollerith.widgetdata.near-version-check-ms}, which bounds how
 * long a lost announcement could keep an instance behind. A miss falls back to the database.
 */
@ApplicationScoped
public class DataVersions {

    static final String VERSION_CHANNEL = "data-version";
    static final String BINDING_CHANNEL = "data-binding";
    static final String ALL = "*";
    private static final long GRACE_NANOS = 5_000_000_000L;

    @Inject
    GridCaches caches;

    @Inject
    GridInvalidations invalidations;

    @Inject
    WidgetDataReader reader;

    @Inject
    DataListeners listeners;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    PinnedVersions pins;

    @Inject
    @ConfigProperty(name = "hollerith.widgetdata.binding-cache-seconds", defaultValue = "30")
    long bindingSeconds;

    @Inject
    @ConfigProperty(name = "hollerith.widgetdata.version-cache-seconds", defaultValue = "3600")
    long versionSeconds;

    @Inject
    @ConfigProperty(name = "hollerith.widgetdata.near-version-check-ms", defaultValue = "5000")
    long nearVersionCheckMs;

    private record NearBinding(DataBinding binding, long expiresAt) {
    }

    private record NearVersion(long version, long checkedAt) {
    }

    private final Map<String, NearBinding> nearBindings = new ConcurrentHashMap<>();
    private final Map<String, NearVersion> nearVersions = new ConcurrentHashMap<>();
    private Cache<String, String> bindings;
    private Cache<String, Long> versions;

    @PostConstruct
    void open() {
        bindings = caches.cache("hollerith-widget-data-bindings", String.class, Duration.ofSeconds(Math.max(1, bindingSeconds)));
        versions = caches.cacheExpiringAfterWrite("hollerith-widget-data-versions", Long.class, Duration.ofSeconds(Math.max(1, versionSeconds)));
        invalidations.subscribe(VERSION_CHANNEL, this::versionAnnounced);
        invalidations.subscribe(BINDING_CHANNEL, this::bindingChanged);
    }

    public Optional<DataBinding> binding(String widgetConfigId) {
        NearBinding near = nearBindings.get(widgetConfigId);
        if (near != null) {
            long now = System.nanoTime();
            // expired: one request re-reads it, the others go on with what they have meanwhile
            if (now - near.expiresAt < 0 || !nearBindings.replace(widgetConfigId, near, new NearBinding(near.binding, now + GRACE_NANOS))) {
                return Optional.of(near.binding);
            }
        }
        String cached = bindings.get(widgetConfigId);
        Optional<DataBinding> bound;
        if (cached != null) {
            bound = Optional.of(DataBinding.decode(cached));
        } else {
            bound = reader.bind(widgetConfigId);
            bound.ifPresent(binding -> bindings.put(widgetConfigId, binding.encode()));
        }
        if (bound.isPresent()) {
            if (nearBindings.size() > 200_000) {
                nearBindings.clear();
            }
            nearBindings.put(widgetConfigId, new NearBinding(bound.get(), System.nanoTime() + Duration.ofSeconds(Math.max(1, bindingSeconds)).toNanos()));
        } else {
            nearBindings.remove(widgetConfigId);
        }
        return bound;
    }

    /** The current version of a binding's data; empty when it has no data yet. */
    public OptionalLong current(DataBinding binding) {
        String key = binding.dataKey();
        // an operator's pin (issue 17) wins over the newest version; an in-memory lookup
        OptionalLong pinned = pins.version(key);
        if (pinned.isPresent()) {
            return pinned;
        }
        NearVersion near = nearVersions.get(key);
        if (near != null) {
            long now = System.nanoTime();
            // due for a check against the grid: one request does it, the others answer from memory meanwhile
            if (now - near.checkedAt < nearVersionCheckMs * 1_000_000L
                    || !nearVersions.replace(key, near, new NearVersion(near.version, now))) {
                return OptionalLong.of(near.version);
            }
        }
        Long cached = versions.get(key);
        if (cached != null) {
            return OptionalLong.of(nearAdvance(key, cached, System.nanoTime()));
        }
        OptionalLong stored = reader.version(binding.integrationId(), binding.discriminator());
        stored.ifPresent(version -> advance(key, version));
        return stored.isPresent() ? OptionalLong.of(nearAdvance(key, stored.getAsLong(), System.nanoTime())) : stored;
    }

    /** Only from the grid: for the SSE safety poll, which must stay cheap. */
    public OptionalLong cached(String dataKey) {
        Long cached = versions.get(dataKey);
        if (cached == null) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(nearAdvance(dataKey, cached, System.nanoTime()));
    }

    /** A version read from the database: grid and near cache move forward to it. */
    public void advance(String dataKey, long version) {
        NearVersion known = nearVersions.get(dataKey);
        nearAdvance(dataKey, version, System.nanoTime());
        // what this instance knew is usually what the grid holds: then one compare-and-swap, not a read and a swap
        if (known != null && known.version < version && versions.replace(dataKey, known.version, version)) {
            return;
        }
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

    /** The widget config changed or is gone: every instance forgets its binding (again after the transaction commits). */
    public void forgetBinding(String widgetConfigId) {
        forgetAfterCommit(widgetConfigId);
    }

    /** An integration changed: which config reads what may have changed for all of them. */
    public void forgetAllBindings() {
        forgetAfterCommit(ALL);
    }

    /** Eager, so that announcements from other instances are heard before the first player reads here. */
    void startWithTheApplication(@Observes @jakarta.enterprise.context.Initialized(ApplicationScoped.class) Object started) {
        nearVersions.size();
    }

    void published(@Observes(during = TransactionPhase.AFTER_SUCCESS) DataPublished event) {
        advance(event.dataKey(), event.version());
        invalidations.publish(VERSION_CHANNEL, event.integrationId() + "\t" + event.version() + "\t"
                + (event.discriminator() == null ? "" : event.discriminator()));
    }

    private void versionAnnounced(String payload) {
        String[] parts = payload.split("\t", 3);
        long integrationId = Long.parseLong(parts[0]);
        long version = Long.parseLong(parts[1]);
        String discriminator = parts[2].isEmpty() ? null : parts[2];
        nearAdvance(DataKey.of(integrationId, discriminator), version, System.nanoTime());
        listeners.announce(integrationId, discriminator, version);
    }

    private long nearAdvance(String key, long version, long now) {
        return nearVersions.merge(key, new NearVersion(version, now),
                (old, fresh) -> new NearVersion(Math.max(old.version, fresh.version), now)).version;
    }

    private void forgetAfterCommit(String what) {
        AfterCommit.nowAndAfterCommit(transactions, () -> forget(what));
    }

    private void forget(String what) {
        if (ALL.equals(what)) {
            bindings.clear();
        } else {
            bindings.remove(what);
        }
        invalidations.publish(BINDING_CHANNEL, what);
    }

    private void bindingChanged(String what) {
        if (ALL.equals(what)) {
            nearBindings.clear();
        } else {
            nearBindings.remove(what);
        }
    }
}
