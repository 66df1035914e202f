package dev.hollerith.history.control;

import dev.hollerith.alerts.control.AlertType;
import dev.hollerith.alerts.control.Alerts;
import dev.hollerith.history.entity.DataRevision;
import dev.hollerith.platform.control.UtcInstantConverter;
import dev.hollerith.widgetdata.control.DataKey;
import dev.hollerith.widgetdata.control.Publication;
import dev.hollerith.widgetdata.control.StoredVersion;
import dev.hollerith.widgetdata.control.VersionLog;
import dev.hollerith.widgetdata.entity.IntegrationData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The version history of widget data, the {@link VersionLog} of its writer: {@link #recordedAll} runs inside
 * the writer's transaction, so a version and its history row commit together or not at all: one more
 * INSERT per new version, none per repeat. A CDI bean, not an EJB: it only ever joins its caller's
 * transaction (the reads need none), and the EJB container's interception of every call was a tenth of
 * the webhook writer's time, one call per stored version (docs/webhooks.md "What the profile showed").
 * Its rows are written with plain JDBC batches on the transaction's connection, never through the
 * persistence context: the webhook group commit records hundreds of versions per transaction, and
 * EclipseLink's insert of each was a large part of its commit (docs/webhooks.md, fifth round).
 */
@ApplicationScoped
public class DataHistory implements VersionLog {

    @PersistenceContext
    EntityManager em;

    @Inject
    Alerts alerts;

    private static final String INSERT = "INSERT INTO data_revision (id, integration_id, discriminator, organization_id, version, source,"
            + " delivery_id, received_at, size_bytes, content_hash, quarantined, errors, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    @Override
    public void recordedAll(List<NewVersion> versions) {
        List<DataRevision> revisions = new ArrayList<>(versions.size());
        for (NewVersion version : versions) {
            revisions.add(revision(version.row(), version.version(), version.publication(), version.receivedAt()));
        }
        insert(revisions);
    }

    @Override
    public void quarantined(IntegrationData row, long version, Publication publication, Instant receivedAt, List<String> problems) {
        JsonArrayBuilder errors = Json.createArrayBuilder();
        problems.forEach(errors::add);
        insert(List.of(revision(row, version, publication, receivedAt).quarantine(errors.build().toString())));
        alerts.raise(row.organizationId(), AlertType.DATA_QUARANTINED, DataKey.of(row.integrationId(), row.discriminator()),
                row.integrationId(), null, "Version " + version + " failed the data_schema of integration " + row.integrationId()
                        + ": " + problems.get(0));
    }

    @Override
    public void quarantineCleared(IntegrationData row) {
        alerts.resolve(row.organizationId(), AlertType.DATA_QUARANTINED, DataKey.of(row.integrationId(), row.discriminator()));
    }

    @Override
    public Optional<StoredVersion> find(DataKey key, long version) {
        return find(key.integrationId(), key.discriminator(), version)
                .map(revision -> new StoredVersion(revision.version(), revision.receivedAt(), revision.data()));
    }

    private void insert(List<DataRevision> revisions) {
        if (revisions.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = em.unwrap(Connection.class).prepareStatement(INSERT)) {
            for (DataRevision revision : revisions) {
                insert.setString(1, revision.id());
                insert.setLong(2, revision.integrationId());
                insert.setString(3, revision.discriminator());
                insert.setString(4, revision.organizationId());
                insert.setLong(5, revision.version());
                insert.setString(6, revision.source().apiName());
                insert.setObject(7, revision.deliveryId(), Types.BIGINT);
                insert.setObject(8, UtcInstantConverter.toDatabase(revision.receivedAt()));
                insert.setInt(9, revision.sizeBytes());
                insert.setString(10, revision.contentHash());
                insert.setBoolean(11, revision.isQuarantined());
                insert.setString(12, revision.errors());
                insert.setString(13, revision.data());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("recording " + revisions.size() + " data versions failed (SQLState " + e.getSQLState() + ")", e);
        }
    }

    private static DataRevision revision(IntegrationData row, long version, Publication publication, Instant receivedAt) {
        DataRevision revision = new DataRevision(row.integrationId(), row.discriminator(), row.organizationId(), version,
                publication.source(), receivedAt, publication.json(), publication.json().getBytes(StandardCharsets.UTF_8).length,
                publication.contentHash());
        revision.deliveredBy(publication.deliveryId());
        return revision;
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
