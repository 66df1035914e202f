package dev.hollerith.history.entity;

import dev.hollerith.platform.control.UtcInstantConverter;
import dev.hollerith.widgetdata.entity.DataSource;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import java.util.UUID;

/**
 * One version of one data key (integration, discriminator), append-only: its content, where it came
 * from and when. Whether a version is the served one is not stored here (that would cost an update of
 * the previous row on every write); it follows from the data row's current version and the pin.
 * Quarantined versions (data that failed the integration's data_schema) are kept with their errors and
 * never served.
 */
@Entity
@Table(name = "data_revision",
        uniqueConstraints = @UniqueConstraint(name = "data_revision_version", columnNames = {"integration_id", "discriminator", "version"}),
        indexes = @Index(name = "data_revision_received", columnList = "received_at"))
@NamedQuery(name = DataRevision.OF_KEY,
        query = "SELECT r FROM DataRevision r WHERE r.integrationId = :integration AND r.discriminator = :discriminator ORDER BY r.version DESC")
@NamedQuery(name = DataRevision.COUNT_OF_KEY,
        query = "SELECT COUNT(r) FROM DataRevision r WHERE r.integrationId = :integration AND r.discriminator = :discriminator")
@NamedQuery(name = DataRevision.BY_VERSION,
        query = "SELECT r FROM DataRevision r WHERE r.integrationId = :integration AND r.discriminator = :discriminator AND r.version = :version")
@NamedQuery(name = DataRevision.KEYS_WITH_OLD,
        query = "SELECT DISTINCT r.integrationId, r.discriminator FROM DataRevision r WHERE r.receivedAt < :cutoff")
@NamedQuery(name = DataRevision.VERSIONS_OF_KEY,
        query = "SELECT r.version FROM DataRevision r WHERE r.integrationId = :integration AND r.discriminator = :discriminator ORDER BY r.version DESC")
@NamedQuery(name = DataRevision.PRUNE,
        query = "DELETE FROM DataRevision r WHERE r.integrationId = :integration AND r.discriminator = :discriminator"
                + " AND r.receivedAt < :cutoff AND r.version < :below AND r.version <> :pinned AND r.version <> :served")
public class DataRevision {

    public static final String OF_KEY = "DataRevision.ofKey";
    public static final String COUNT_OF_KEY = "DataRevision.countOfKey";
    public static final String BY_VERSION = "DataRevision.byVersion";
    public static final String KEYS_WITH_OLD = "DataRevision.keysWithOld";
    public static final String VERSIONS_OF_KEY = "DataRevision.versionsOfKey";
    public static final String PRUNE = "DataRevision.prune";

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "integration_id", nullable = false)
    private long integrationId;

    @Column(nullable = false, length = 200)
    private String discriminator;

    @Column(name = "organization_id", length = 36)
    private String organizationId;

    @Column(nullable = false)
    private long version;

    @Column(nullable = false, length = 16)
    private String source;

    @Column(name = "delivery_id")
    private Long deliveryId;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    @Column(name = "size_bytes", nullable = false)
    private int sizeBytes;

    @Column(name = "content_hash", length = 64)
    private String contentHash;

    @Column(nullable = false)
    private boolean quarantined;

    /** The data_schema errors of a quarantined version, as a JSON array of strings. */
    @Column(length = 20_000)
    private String errors;

    @Column(length = 1_000_000)
    private String data;

    protected DataRevision() {
    }

    public DataRevision(long integrationId, String discriminator, String organizationId, long version, DataSource source,
                        Instant receivedAt, String json, int sizeBytes, String contentHash) {
        this.id = UUID.randomUUID().toString();
        this.integrationId = integrationId;
        this.discriminator = discriminator;
        this.organizationId = organizationId;
        this.version = version;
        this.source = source.apiName();
        this.receivedAt = receivedAt;
        this.data = json;
        this.sizeBytes = sizeBytes;
        this.contentHash = contentHash;
    }

    /** Kept but never served: the data failed the integration's data_schema. */
    public DataRevision quarantine(String errorsAsJsonArray) {
        this.quarantined = true;
        this.errors = errorsAsJsonArray;
        return this;
    }

    /** The webhook delivery that brought this version (known only once the delivery row is persisted). */
    public void deliveredBy(Long deliveryId) {
        this.deliveryId = deliveryId;
    }

    public String id() {
        return id;
    }

    public long integrationId() {
        return integrationId;
    }

    public String discriminator() {
        return discriminator;
    }

    public String organizationId() {
        return organizationId;
    }

    public long version() {
        return version;
    }

    public DataSource source() {
        return DataSource.valueOf(source.toUpperCase(java.util.Locale.ROOT));
    }

    public Long deliveryId() {
        return deliveryId;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public int sizeBytes() {
        return sizeBytes;
    }

    public String contentHash() {
        return contentHash;
    }

    public boolean isQuarantined() {
        return quarantined;
    }

    public String errors() {
        return errors;
    }

    public String data() {
        return data;
    }
}
