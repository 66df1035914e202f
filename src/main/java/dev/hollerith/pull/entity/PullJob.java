package dev.hollerith.pull.entity;

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
 * The schedule of one shared pull: one row per (integration, discriminator), whatever the number
 * of widget configs that read it. Timers only tick; this row decides what is due, and its lease
 * ({@code lease_owner}, {@code lease_until}) makes sure one instance of a cluster runs it at a time.
 * {@code widget_config_id} is the config whose options and credentials build the request (every
 * config sharing the discriminator would build the same one).
 */
@Entity
@Table(name = "pull_job", uniqueConstraints = @UniqueConstraint(name = "pull_job_key", columnNames = {"integration_id", "discriminator"}))
@NamedQuery(name = PullJob.BY_KEY, query = "SELECT j FROM PullJob j WHERE j.integrationId = :integration AND j.discriminator = :discriminator")
@NamedQuery(name = PullJob.OF_INTEGRATION, query = "SELECT j FROM PullJob j WHERE j.integrationId = :integration ORDER BY j.nextRunAt, j.id")
@NamedQuery(name = PullJob.OF_INTEGRATION_AND_ORGANIZATION,
        query = "SELECT j FROM PullJob j WHERE j.integrationId = :integration AND j.organizationId = :organization ORDER BY j.nextRunAt, j.id")
@NamedQuery(name = PullJob.KEYS_OF_INTEGRATION, query = "SELECT j.discriminator FROM PullJob j WHERE j.integrationId = :integration")
@NamedQuery(name = PullJob.CLAIM_LOCKED, query = "UPDATE PullJob j SET j.leaseOwner = :owner, j.leaseUntil = :until WHERE j.id IN :ids")
@NamedQuery(name = PullJob.LEASED_BY_IDS, query = "SELECT " + PullJob.LEASED_COLUMNS + " FROM PullJob j WHERE j.id IN :ids")
@NamedQuery(name = PullJob.RELEASE, query = "UPDATE PullJob j SET j.leaseOwner = NULL, j.leaseUntil = NULL, j.nextRunAt = :next "
        + "WHERE j.id = :id AND j.leaseOwner = :owner")
@NamedQuery(name = PullJob.DUE_NOW, query = "UPDATE PullJob j SET j.nextRunAt = :now WHERE j.integrationId = :integration AND j.discriminator = :discriminator")
@NamedQuery(name = PullJob.DELETE, query = "DELETE FROM PullJob j WHERE j.id = :id")
public class PullJob {

    public static final String BY_KEY = "PullJob.byKey";
    public static final String OF_INTEGRATION = "PullJob.ofIntegration";
    public static final String OF_INTEGRATION_AND_ORGANIZATION = "PullJob.ofIntegrationAndOrganization";
    public static final String KEYS_OF_INTEGRATION = "PullJob.keysOfIntegration";
    public static final String CLAIM_LOCKED = "PullJob.claimLocked";
    public static final String LEASED_BY_IDS = "PullJob.leasedByIds";
    /** What a leased run needs, read as columns rather than entities (LeasedJob.of): thousands a second. */
    public static final String LEASED_COLUMNS = "j.id, j.integrationId, j.discriminator, j.widgetConfigId, j.organizationId, j.nextRunAt, j.failures";
    public static final String RELEASE = "PullJob.release";
    public static final String DUE_NOW = "PullJob.dueNow";
    public static final String DELETE = "PullJob.delete";

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "integration_id", nullable = false)
    private long integrationId;

    @Column(nullable = false, length = 200)
    private String discriminator;

    @Column(name = "widget_config_id", nullable = false, length = 36)
    private String widgetConfigId;

    @Column(name = "organization_id", nullable = false, length = 36)
    private String organizationId;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "next_run_at", nullable = false)
    private Instant nextRunAt;

    @Column(name = "lease_owner", length = 100)
    private String leaseOwner;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "lease_until")
    private Instant leaseUntil;

    @Column(nullable = false)
    private int failures;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "last_run_at")
    private Instant lastRunAt;

    @Column(name = "last_error", length = 1000)
    private String lastError;

    /** How late the last run started after it was due: the scheduler's health in one number. */
    @Column(name = "last_lateness_ms")
    private Long lastLatenessMs;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected PullJob() {
    }

    public PullJob(long integrationId, String discriminator, String widgetConfigId, String organizationId, Instant firstRunAt) {
        this.id = UUID.randomUUID().toString();
        this.integrationId = integrationId;
        this.discriminator = discriminator;
        this.widgetConfigId = widgetConfigId;
        this.organizationId = organizationId;
        this.nextRunAt = firstRunAt;
        this.createdAt = Instant.now();
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

    public String widgetConfigId() {
        return widgetConfigId;
    }

    public String organizationId() {
        return organizationId;
    }

    public Instant nextRunAt() {
        return nextRunAt;
    }

    public String leaseOwner() {
        return leaseOwner;
    }

    public Instant leaseUntil() {
        return leaseUntil;
    }

    public int failures() {
        return failures;
    }

    public Instant lastRunAt() {
        return lastRunAt;
    }

    public String lastError() {
        return lastError;
    }

    public Long lastLatenessMs() {
        return lastLatenessMs;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
