package dev.hollerith.webhooks.entity;

import dev.hollerith.platform.control.UtcInstantConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;

/**
 * One webhook delivery to a known integration and widget config, accepted or rejected, for the
 * "Review webhook logs for suspicious activity" advice of seed 002. It records facts about the request
 * (where from, how big, what the signature check concluded, why it was refused), the body up to a
 * capture limit and a few headers with signature and key values redacted, never a secret. {@code replayKey} is set only on accepted Standard Webhooks deliveries: its uniqueness makes
 * the database the durable memory of seen ids, across restarts and instances.
 */
@Entity
@Table(name = "webhook_delivery",
        uniqueConstraints = @UniqueConstraint(name = "webhook_delivery_replay", columnNames = "replay_key"),
        indexes = {
            @Index(name = "webhook_delivery_integration", columnList = "integration_id, received_at"),
            @Index(name = "webhook_delivery_organization", columnList = "organization_id, integration_id, received_at"),
            @Index(name = WebhookDelivery.BODY_HASH_INDEX, columnList = "body_hash")
        })
@SequenceGenerator(name = "webhook_delivery_ids", sequenceName = "webhook_delivery_seq", allocationSize = 50)
@NamedQuery(name = WebhookDelivery.OF_INTEGRATION,
        query = "SELECT d FROM WebhookDelivery d WHERE d.integrationId = :integration ORDER BY d.receivedAt DESC, d.id DESC")
@NamedQuery(name = WebhookDelivery.OF_INTEGRATION_AND_ORGANIZATION,
        query = "SELECT d FROM WebhookDelivery d WHERE d.integrationId = :integration AND d.organizationId = :organization"
                + " ORDER BY d.receivedAt DESC, d.id DESC")
@NamedQuery(name = WebhookDelivery.COUNT_REPLAY_KEY, query = "SELECT COUNT(d) FROM WebhookDelivery d WHERE d.replayKey = :key")
public class WebhookDelivery {

    public static final String OF_INTEGRATION = "WebhookDelivery.ofIntegration";
    public static final String OF_INTEGRATION_AND_ORGANIZATION = "WebhookDelivery.ofIntegrationAndOrganization";
    public static final String COUNT_REPLAY_KEY = "WebhookDelivery.countReplayKey";
    public static final String BODY_HASH_INDEX = "webhook_delivery_body";

    public static final String ACCEPTED = "accepted";
    public static final String REJECTED = "rejected";
    public static final String QUARANTINED = "quarantined";
    /** A byte-identical re-send of an accepted delivery within the tolerance: answered 200, not applied again. */
    public static final String DUPLICATE = "duplicate";
    static final int MAX_REASON = 500;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "webhook_delivery_ids")
    private Long id;

    @Column(name = "integration_id", nullable = false)
    private long integrationId;

    @Column(name = "widget_config_id", nullable = false, length = 36)
    private String widgetConfigId;

    @Column(name = "organization_id", nullable = false, length = 36)
    private String organizationId;

    /** A real TIMESTAMP (UTC), so the log sorts and reads in SQL; unconverted, EclipseLink would serialise the Instant. */
    @Column(name = "received_at", nullable = false)
    @Convert(converter = UtcInstantConverter.class)
    private Instant receivedAt;

    @Column(name = "source_address", length = 64)
    private String sourceAddress;

    @Column(name = "size_bytes", nullable = false)
    private int sizeBytes;

    @Column(name = "signature_verdict", nullable = false, length = 16)
    private String signatureVerdict;

    @Column(nullable = false, length = 16)
    private String outcome;

    @Column(length = MAX_REASON)
    private String reason;

    @Column(name = "data_version")
    private Long version;

    @Column(name = "webhook_id", length = 200)
    private String webhookId;

    @Column(name = "replay_key", length = 300)
    private String replayKey;

    /** The body as received, cut at the capture limit, for the delivery's detail view and "apply again". */
    @Column(length = 1_000_000)
    private String payload;

    @Column(name = "payload_truncated", nullable = false)
    private boolean payloadTruncated;

    /** The headers that explain a delivery, as JSON; signature and key values are redacted before they are stored. */
    @Column(name = "request_headers", length = 4000)
    private String requestHeaders;

    /** SHA-256 of the raw body of an accepted HMAC or API-key delivery: how its re-send is recognised. */
    @Column(name = "body_hash", length = 64)
    private String bodyHash;

    protected WebhookDelivery() {
    }

    public WebhookDelivery(long integrationId, String widgetConfigId, String organizationId, Instant receivedAt,
                           String sourceAddress, int sizeBytes, SignatureVerdict verdict, String webhookId) {
        this.integrationId = integrationId;
        this.widgetConfigId = widgetConfigId;
        this.organizationId = organizationId;
        this.receivedAt = receivedAt;
        this.sourceAddress = sourceAddress == null ? null : clip(sourceAddress, 64);
        this.sizeBytes = sizeBytes;
        this.signatureVerdict = verdict.label();
        this.webhookId = webhookId == null ? null : clip(webhookId, 200);
        this.outcome = REJECTED;
    }

    /** Stored as {@code version}; {@code replayKey} is null unless the scheme carries an id. */
    /** The id from the table's sequence, for a row written with plain JDBC (the webhook group commit) rather than persisted. */
    public WebhookDelivery numbered(long id) {
        this.id = id;
        return this;
    }

    public WebhookDelivery accept(long dataVersion, String replayKey) {
        this.outcome = ACCEPTED;
        this.reason = null;
        this.version = dataVersion;
        this.replayKey = replayKey;
        return this;
    }

    /** Verified, but the data failed the integration's data_schema: kept in the history, not served (issue 17). */
    public WebhookDelivery quarantine(String why) {
        reject(why);
        this.outcome = QUARANTINED;
        return this;
    }

    /** Accepted; {@code bodyHash} set when re-sends of this body are to be recognised (schemes without an id). */
    public WebhookDelivery accept(long dataVersion, String replayKey, String bodyHash) {
        accept(dataVersion, replayKey);
        this.bodyHash = bodyHash;
        return this;
    }

    /** Answered with {@code originalVersion}, the version the first copy of the same bytes made. */
    public WebhookDelivery duplicate(long originalVersion, int toleranceSeconds) {
        this.outcome = DUPLICATE;
        this.reason = "byte-identical to a delivery accepted less than " + toleranceSeconds + " s before: not applied again";
        this.version = originalVersion;
        this.replayKey = null;
        this.bodyHash = null;
        return this;
    }

    public WebhookDelivery reject(String why) {
        this.outcome = REJECTED;
        this.reason = why == null ? null : clip(why, MAX_REASON);
        this.version = null;
        this.replayKey = null;
        this.bodyHash = null;
        return this;
    }

    public WebhookDelivery capture(String body, boolean truncated, String headersJson) {
        this.payload = body;
        this.payloadTruncated = truncated;
        this.requestHeaders = headersJson == null ? null : clip(headersJson, 4000);
        return this;
    }

    public String payload() {
        return payload;
    }

    public boolean payloadTruncated() {
        return payloadTruncated;
    }

    public String requestHeaders() {
        return requestHeaders;
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    public Long id() {
        return id;
    }

    public long integrationId() {
        return integrationId;
    }

    public String widgetConfigId() {
        return widgetConfigId;
    }

    public String organizationId() {
        return organizationId;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public String sourceAddress() {
        return sourceAddress;
    }

    public int sizeBytes() {
        return sizeBytes;
    }

    public String signatureVerdict() {
        return signatureVerdict;
    }

    public String outcome() {
        return outcome;
    }

    public String reason() {
        return reason;
    }

    public Long version() {
        return version;
    }

    public String webhookId() {
        return webhookId;
    }

    public String replayKey() {
        return replayKey;
    }

    public String bodyHash() {
        return bodyHash;
    }
}
