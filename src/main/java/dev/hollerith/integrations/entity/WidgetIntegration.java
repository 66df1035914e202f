package dev.hollerith.integrations.entity;

import dev.hollerith.platform.control.JsonObjectConverter;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;

/**
 * A third-party data source of a widget (seed 002): where and how often to pull, or how pushed
 * webhooks are verified, and the schemas of its credentials and of the config options it reads.
 * Numeric ids as in the seed; a sequence rather than IDENTITY, which EclipseLink cannot use on H2 2.x.
 */
@Entity
@Table(name = "widget_integration", uniqueConstraints = @UniqueConstraint(name = "widget_integration_name", columnNames = {"widget_id", "name"}))
@SequenceGenerator(name = "widget_integration_ids", sequenceName = "widget_integration_seq", allocationSize = 1)
@NamedQuery(name = WidgetIntegration.OF_WIDGET, query = "SELECT i FROM WidgetIntegration i WHERE i.widgetId = :widget ORDER BY i.id")
@NamedQuery(name = WidgetIntegration.ACTIVE_OF_WIDGET,
        query = "SELECT i FROM WidgetIntegration i WHERE i.widgetId = :widget AND i.active = TRUE ORDER BY i.id")
@NamedQuery(name = WidgetIntegration.BY_NAME, query = "SELECT i FROM WidgetIntegration i WHERE i.widgetId = :widget AND i.name = :name")
@NamedQuery(name = WidgetIntegration.ALL, query = "SELECT i FROM WidgetIntegration i ORDER BY i.id")
public class WidgetIntegration {

    public static final String OF_WIDGET = "WidgetIntegration.ofWidget";
    public static final String ACTIVE_OF_WIDGET = "WidgetIntegration.activeOfWidget";
    public static final String BY_NAME = "WidgetIntegration.byName";
    public static final String ALL = "WidgetIntegration.all";

    /** The built-in fetcher that needs no pull_endpoint (API.md: fetches {{config.feed_url}}). */
    public static final String RSS_FETCHER = "rss";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "widget_integration_ids")
    private Long id;

    @Column(name = "widget_id", nullable = false, length = 64)
    private String widgetId;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(length = 2000)
    private String description;

    @Enumerated(EnumType.STRING)
    @Column(name = "integration_type", nullable = false, length = 8)
    private IntegrationType type;

    @Enumerated(EnumType.STRING)
    @Column(name = "credential_scope", nullable = false, length = 16)
    private CredentialScope credentialScope;

    @Column(name = "credential_schema", length = 1_000_000)
    @Convert(converter = JsonObjectConverter.class)
    private JsonObject credentialSchema;

    @Column(name = "config_schema", length = 1_000_000)
    @Convert(converter = JsonObjectConverter.class)
    private JsonObject configSchema;

    @Column(name = "pull_endpoint", length = 2000)
    private String pullEndpoint;

    @Column(name = "pull_interval_seconds")
    private Integer pullIntervalSeconds;

    @Column(name = "pull_config", length = 1_000_000)
    @Convert(converter = JsonObjectConverter.class)
    private JsonObject pullConfig;

    @Column(name = "push_webhook_path", length = 200)
    private String pushWebhookPath;

    @Column(name = "push_config", length = 1_000_000)
    @Convert(converter = JsonObjectConverter.class)
    private JsonObject pushConfig;

    /** A JSON Schema 2020-12 the data must match (issue 17); null or {} for none. */
    @Column(name = "data_schema", length = 1_000_000)
    @Convert(converter = JsonObjectConverter.class)
    private JsonObject dataSchema;

    /** An upstream request budget per credential set, {@code {"requests": 1000, "per": "day"}} (issue 17); null for none. */
    @Column(name = "budget", length = 200)
    @Convert(converter = JsonObjectConverter.class)
    private JsonObject budget;

    @Column(name = "is_active", nullable = false)
    private boolean active;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected WidgetIntegration() {
    }

    public WidgetIntegration(IntegrationDefinition definition) {
        this.createdAt = Instant.now();
        redefine(definition);
    }

    /** Replaces the whole definition; the caller validated it as a whole. */
    public final void redefine(IntegrationDefinition definition) {
        this.widgetId = definition.widgetId();
        this.name = definition.name();
        this.description = definition.description();
        this.type = definition.type();
        this.credentialScope = definition.credentialScope();
        this.credentialSchema = definition.credentialSchema();
        this.configSchema = definition.configSchema();
        this.pullEndpoint = definition.pullEndpoint();
        this.pullIntervalSeconds = definition.pullIntervalSeconds();
        this.pullConfig = definition.pullConfig();
        this.pushWebhookPath = definition.pushWebhookPath();
        this.pushConfig = definition.pushConfig();
        this.active = definition.active();
        this.dataSchema = definition.dataSchema().isEmpty() ? null : definition.dataSchema();
        this.budget = definition.budget().isEmpty() ? null : definition.budget();
        this.updatedAt = Instant.now();
    }

    public IntegrationDefinition definition() {
        return new IntegrationDefinition(widgetId, name, description, type, credentialScope, credentialSchema(), configSchema(),
                pullEndpoint, pullIntervalSeconds, pullConfig(), pushWebhookPath, pushConfig(), active, dataSchema(), budget());
    }

    public Long id() {
        return id;
    }

    public String widgetId() {
        return widgetId;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public IntegrationType type() {
        return type;
    }

    public CredentialScope credentialScope() {
        return credentialScope;
    }

    public JsonObject credentialSchema() {
        return credentialSchema == null ? JsonValue.EMPTY_JSON_OBJECT : credentialSchema;
    }

    public JsonObject budget() {
        return budget == null ? JsonValue.EMPTY_JSON_OBJECT : budget;
    }

    public JsonObject dataSchema() {
        return dataSchema == null ? JsonValue.EMPTY_JSON_OBJECT : dataSchema;
    }

    public JsonObject configSchema() {
        return configSchema == null ? JsonValue.EMPTY_JSON_OBJECT : configSchema;
    }

    /** Null for a built-in fetcher (see {@link #RSS_FETCHER}) and for push-only integrations. */
    public String pullEndpoint() {
        return pullEndpoint;
    }

    public Integer pullIntervalSeconds() {
        return pullIntervalSeconds;
    }

    public JsonObject pullConfig() {
        return pullConfig == null ? JsonValue.EMPTY_JSON_OBJECT : pullConfig;
    }

    public String pushWebhookPath() {
        return pushWebhookPath;
    }

    public JsonObject pushConfig() {
        return pushConfig == null ? JsonValue.EMPTY_JSON_OBJECT : pushConfig;
    }

    public boolean isActive() {
        return active;
    }

    public boolean supportsPull() {
        return type == IntegrationType.PULL || type == IntegrationType.BOTH;
    }

    public boolean supportsPush() {
        return type == IntegrationType.PUSH || type == IntegrationType.BOTH;
    }

    /** Whether this integration uses the built-in RSS fetcher instead of a declared endpoint. */
    public boolean usesRssFetcher() {
        return supportsPull() && pullEndpoint == null && RSS_FETCHER.equals(name);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
