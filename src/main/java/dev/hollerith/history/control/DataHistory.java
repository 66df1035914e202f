package dev.hollerith.history.control;

import dev.hollerith.alerts.control.AlertType;
import dev.hollerith.alerts.control.Alerts;
import dev.hollerith.history.entity.DataRevision;
import dev.hollerith.history.entity.DataSource;
import dev.hollerith.widgetdata.control.DataKey;
import dev.hollerith.widgetdata.entity.IntegrationData;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The version history of widget data. {@link #record} runs inside the writer's transaction, so a version
 * and its history row commit together or not at all: one more INSERT per new version, none per repeat.
 */
@Stateless
public class DataHistory {

    @PersistenceContext
    EntityManager em;

    @Inject
    Pins pins;

    @Inject
    Alerts alerts;

    /** In the caller's transaction: version {@code version} of the key was just written. */
    public DataRevision record(long integrationId, String discriminator, String organizationId, long version, DataSource source,
                               String json, String contentHash, Instant receivedAt) {
        DataRevision revision = new DataRevision(integrationId, discriminator, organizationId, version, source, receivedAt,
                json, json.getBytes(StandardCharsets.UTF_8).length, contentHash);
        em.persist(revision);
        return revision;
    }

    /**
     * In the caller's transaction: data that failed the integration's data_schema is kept as a quarantined
     * version (the row spends a version number on it and keeps serving its last good data).
     */
    public DataRevision quarantine(IntegrationData row, DataSource source, String json, String contentHash, Instant receivedAt, List<String> problems) {
        long version = row.quarantine(DataQuarantined.MESSAGE);
        JsonArrayBuilder errors = Json.createArrayBuilder();
        problems.forEach(errors::add);
        DataRevision revision = record(row.integrationId(), row.discriminator(), row.organizationId(), version, source, json, contentHash, receivedAt)
                .quarantine(errors.build().toString());
        alerts.raise(row.organizationId(), AlertType.DATA_QUARANTINED, DataKey.of(row.integrationId(), row.discriminator()),
                row.integrationId(), null, "Version " + version + " failed the data_schema of integration " + row.integrationId()
                        + ": " + problems.get(0));
        return revision;
    }

    /** Good data arrived after quarantined data: the "data.quarantined" alert of the key is resolved. */
    public void quarantineCleared(IntegrationData row) {
        alerts.resolve(row.organizationId(), AlertType.DATA_QUARANTINED, DataKey.of(row.integrationId(), row.discriminator()));
    }

    /** The pinned version of this key, when an operator pinned one (a map lookup when nothing is pinned). */
    public Optional<DataRevision> pinned(long integrationId, String discriminator) {
        OptionalLong version = pins.version(DataKey.of(integrationId, discriminator));
        return version.isPresent() ? find(integrationId, discriminator, version.getAsLong()) : Optional.empty();
    }

    public List<DataRevision> of(long integrationId, String discriminator, int offset, int limit) {
        return em.createNamedQuery(DataRevision.OF_KEY, DataRevision.class)
                .setParameter("integration", integrationId).setParameter("discriminator", discriminator)
                .setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public long count(long integrationId, String discriminator) {
        return em.createNamedQuery(DataRevision.COUNT_OF_KEY, Long.class)
                .setParameter("integration", integrationId).setParameter("discriminator", discriminator).getSingleResult();
    }

    public Optional<DataRevision> find(long integrationId, String discriminator, long version) {
        return em.createNamedQuery(DataRevision.BY_VERSION, DataRevision.class)
                .setParameter("integration", integrationId).setParameter("discriminator", discriminator)
                .setParameter("version", version).getResultStream().findFirst();
    }
}
