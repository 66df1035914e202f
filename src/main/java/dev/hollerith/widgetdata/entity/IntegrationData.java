package dev.hollerith.widgetdata.entity;

import dev.hollerith.platform.control.UtcInstantConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import java.util.UUID;

/**
 * The current data of one (integration, discriminator): everyone whose request would be the same
 * shares this row (DESIGN.md "Discriminator"). {@code version} counts content changes only, so a
 * player that holds version N needs nothing while the upstream repeats itself. A failure never
 * removes data: the last good data stays and {@code status} / {@code errorMessage} say what went wrong.
 */
@Entity
@Table(name = "integration_data", uniqueConstraints = @UniqueConstraint(name = "integration_data_key",
        columnNames = {"integration_id", "discriminator"}))
@NamedQuery(name = IntegrationData.BY_KEY,
        query = "SELECT d FROM IntegrationData d WHERE d.integrationId = :integration AND d.discriminator = :discriminator")
@NamedQuery(name = IntegrationData.TOUCH,
        query = "UPDATE IntegrationData d SET d.lastUsedAt = :now WHERE d.integrationId = :integration AND d.discriminator = :discriminator")
public class IntegrationData {

    public static final String BY_KEY = "IntegrationData.byKey";
    public static final String TOUCH = "IntegrationData.touch";

    public enum Status {
        SUCCESS, STALE, ERROR, QUARANTINED;

        public String apiName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "integration_id", nullable = false)
    private long integrationId;

    @Column(nullable = false, length = 200)
    private String discriminator;

    @Column(name = "organization_id", length = 36)
    private String organizationId;

    /** Any JSON value as text; null until the first good answer. */
    @Column(length = 1_000_000)
    private String data;

    @Column(nullable = false)
    private long version;

    @Column(name = "content_hash", length = 64)
    private String contentHash;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "fetched_at")
    private Instant fetchedAt;

    @Column(nullable = false, length = 16)
    private String status;

    @Column(name = "error_message", length = 1000)
    private String errorMessage;

    @Column(length = 500)
    private String etag;

    @Column(name = "last_modified", length = 100)
    private String lastModified;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    /** The highest version number spent on data that was quarantined (issue 17); versions only go up past it. */
    @Column(name = "reserved_version")
    private Long reservedVersion;

    protected IntegrationData() {
    }

    /** An empty row (version 0, no data): the place later answers and failures are written to. */
    public IntegrationData(long integrationId, String discriminator, String organizationId) {
        this.id = UUID.randomUUID().toString();
        this.integrationId = integrationId;
        this.discriminator = discriminator;
        this.organizationId = organizationId;
        this.version = 0;
        this.status = Status.SUCCESS.apiName();
        this.lastUsedAt = Instant.now();
    }

    /**
     * A row as stored, read without the persistence context (the webhook group commit locks and
     * writes back a batch's rows with plain JDBC: IntegrationDataRows); its methods then change only
     * this object, and the caller stores the outcome.
     */
    public IntegrationData(String id, long integrationId, String discriminator, String organizationId, String data, long version,
                           String contentHash, Instant fetchedAt, String status, String errorMessage, String etag, String lastModified,
                           Long reservedVersion) {
        this.id = id;
        this.integrationId = integrationId;
        this.discriminator = discriminator;
        this.organizationId = organizationId;
        this.data = data;
        this.version = version;
        this.contentHash = contentHash;
        this.fetchedAt = fetchedAt;
        this.status = status;
        this.errorMessage = errorMessage;
        this.etag = etag;
        this.lastModified = lastModified;
        this.reservedVersion = reservedVersion;
    }

    /**
     * A good answer. The version moves only when the content differs from what is stored; the
     * validators (ETag, Last-Modified) and the fetch time are kept either way.
     *
     * @return true when a new version was written
     */
    public boolean accept(String json, String hash, String etag, String lastModified, Instant now) {
        boolean changed = data == null || !hash.equals(contentHash);
        if (changed) {
            data = json;
            contentHash = hash;
            version = nextVersion();
        }
        fetchedAt = now;
        status = Status.SUCCESS.apiName();
        errorMessage = null;
        this.etag = clip(etag, 500);
        this.lastModified = clip(lastModified, 100);
        return changed;
    }

    /** The upstream confirmed (304) that what we hold is current. */
    public void confirm(Instant now) {
        if (data != null) {
            fetchedAt = now;
            status = Status.SUCCESS.apiName();
            errorMessage = null;
        }
    }

    /**
     * Data that failed the integration's data_schema: it gets a version number (kept in the history) but is
     * not served; the last good data stays, and {@code status} says "quarantined" until good data arrives.
     *
     * @return the version number given to the quarantined data
     */
    public long quarantine(String message) {
        reservedVersion = nextVersion();
        status = Status.QUARANTINED.apiName();
        errorMessage = clip(message, 1000);
        return reservedVersion;
    }

    private long nextVersion() {
        return Math.max(version, reservedVersion == null ? 0 : reservedVersion) + 1;
    }

    public void fail(String message) {
        status = Status.ERROR.apiName();
        errorMessage = clip(message == null || message.isBlank() ? "Fetching the data failed" : message, 1000);
    }

    public boolean hasData() {
        return data != null;
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
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

    public String data() {
        return data;
    }

    public long version() {
        return version;
    }

    public String contentHash() {
        return contentHash;
    }

    public Instant fetchedAt() {
        return fetchedAt;
    }

    public Status status() {
        return Status.valueOf(status.toUpperCase(java.util.Locale.ROOT));
    }

    public String errorMessage() {
        return errorMessage;
    }

    public String etag() {
        return etag;
    }

    public String lastModified() {
        return lastModified;
    }

    public Instant lastUsedAt() {
        return lastUsedAt;
    }

    /** The highest version number given to quarantined data, or null. */
    public Long reservedVersion() {
        return reservedVersion;
    }
}
