package dev.hollerith.history.control;

import dev.hollerith.history.entity.DataPin;
import dev.hollerith.history.entity.DataRevision;
import dev.hollerith.platform.control.Conflict;
import dev.hollerith.platform.control.UnknownResource;
import dev.hollerith.widgetdata.control.DataBinding;
import dev.hollerith.widgetdata.control.DataVersion;
import dev.hollerith.widgetdata.control.Publication;
import dev.hollerith.widgetdata.control.WidgetDataStore;
import dev.hollerith.widgetdata.entity.DataSource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * What players are served, as an operator steers it: rollback publishes an old version's content as a
 * new version (versions only go up, so players take it through their usual 304 → 200 and SSE); a pin
 * holds players on one version while new data goes on being recorded.
 */
@Stateless
public class ServedData {

    @PersistenceContext
    EntityManager em;

    @Inject
    DataHistory history;

    @EJB
    WidgetDataStore store;

    @Inject
    Pins pins;

    @Inject
    Event<PinChanged> pinChanged;

    /** The version players of this binding get now: the pin, else the newest good version; 0 before any data. */
    public long servedVersion(DataBinding binding) {
        OptionalLong pinned = pins.version(binding.dataKey());
        if (pinned.isPresent()) {
            return pinned.getAsLong();
        }
        return store.find(binding.integrationId(), binding.discriminator()).filter(row -> row.hasData()).map(row -> row.version()).orElse(0L);
    }

    public boolean isPinned(DataBinding binding) {
        return pins.version(binding.dataKey()).isPresent();
    }

    public DataRevision revision(DataBinding binding, long version) {
        return history.find(binding.integrationId(), binding.discriminator(), version)
                .orElseThrow(() -> new UnknownResource("Version " + version + " not found in the data history"));
    }

    /** Publishes version {@code version}'s content as a new version (source rollback). */
    public DataVersion rollback(DataBinding binding, String organizationId, long version) {
        DataRevision old = revision(binding, version);
        if (old.isQuarantined()) {
            throw new Conflict("Version " + version + " is quarantined: release it instead of rolling back to it");
        }
        return republish(binding, organizationId, old, DataSource.ROLLBACK);
    }

    /** Serves a quarantined version after all, as a new version (source release). */
    public DataVersion release(DataBinding binding, String organizationId, long version) {
        DataRevision quarantined = revision(binding, version);
        if (!quarantined.isQuarantined()) {
            throw new Conflict("Version " + version + " is not quarantined: roll back to it instead");
        }
        return republish(binding, organizationId, quarantined, DataSource.RELEASE);
    }

    DataVersion republish(DataBinding binding, String organizationId, DataRevision old, DataSource source) {
        DataVersion published = store.publish(Publication.of(binding.key(), organizationId, parse(old.data()), source));
        if (!published.changed()) {
            throw new Conflict("Version " + old.version() + " has the same content as the served version " + published.version()
                    + ": nothing to publish");
        }
        return published;
    }

    /** Players of this key get {@code version} until {@link #unpin}. */
    public void pin(DataBinding binding, long version, String pinnedBy) {
        DataRevision revision = revision(binding, version);
        if (revision.isQuarantined()) {
            throw new Conflict("Version " + version + " is quarantined and cannot be served: release it first");
        }
        DataPin pin = em.find(DataPin.class, binding.dataKey());
        Instant now = Instant.now();
        if (pin == null) {
            em.persist(new DataPin(binding.dataKey(), binding.integrationId(), binding.discriminator(), version, pinnedBy, now));
        } else {
            pin.repin(version, pinnedBy, now);
        }
        pinChanged.fire(new PinChanged(binding.dataKey(), version));
    }

    public void unpin(DataBinding binding) {
        DataPin pin = em.find(DataPin.class, binding.dataKey());
        if (pin == null) {
            throw new UnknownResource("This widget config's data is not pinned");
        }
        em.remove(pin);
        pinChanged.fire(new PinChanged(binding.dataKey(), 0));
    }

    static JsonValue parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readValue();
        }
    }
}
