package dev.hollerith.widgets.entity;

import dev.hollerith.platform.control.JsonObjectConverter;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One organization's instance of a widget with its options. The options are stored as validated,
 * with the schema defaults applied, so readers (the pull engine, players) never re-apply defaults.
 */
@Entity
@Table(name = "widget_config")
@NamedQuery(name = WidgetConfig.OF_ORGANIZATION,
        query = "SELECT c FROM WidgetConfig c WHERE c.organizationId = :organization ORDER BY c.createdAt, c.id")
@NamedQuery(name = WidgetConfig.OF_ORGANIZATION_AND_WIDGET,
        query = "SELECT c FROM WidgetConfig c WHERE c.organizationId = :organization AND c.widgetId = :widget ORDER BY c.createdAt, c.id")
@NamedQuery(name = WidgetConfig.OF_WIDGET, query = "SELECT c FROM WidgetConfig c WHERE c.widgetId = :widget ORDER BY c.createdAt, c.id")
public class WidgetConfig {

    public static final String OF_ORGANIZATION = "WidgetConfig.ofOrganization";
    public static final String OF_ORGANIZATION_AND_WIDGET = "WidgetConfig.ofOrganizationAndWidget";
    public static final String OF_WIDGET = "WidgetConfig.ofWidget";

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "organization_id", nullable = false, length = 36)
    private String organizationId;

    @Column(name = "widget_id", nullable = false, length = 64)
    private String widgetId;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(length = 1_000_000)
    @Convert(converter = JsonObjectConverter.class)
    private JsonObject options;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected WidgetConfig() {
    }

    public WidgetConfig(String organizationId, String widgetId, String name, JsonObject options) {
        this.id = UUID.randomUUID().toString();
        this.organizationId = organizationId;
        this.widgetId = widgetId;
        this.name = name;
        this.options = options;
        this.createdAt = Instant.now();
        this.updatedAt = createdAt;
    }

    public void rename(String newName) {
        this.name = newName;
        this.updatedAt = Instant.now();
    }

    /** @param validatedOptions options already checked against the schemas, defaults applied */
    public void reconfigure(JsonObject validatedOptions) {
        this.options = validatedOptions;
        this.updatedAt = Instant.now();
    }

    public String id() {
        return id;
    }

    public String organizationId() {
        return organizationId;
    }

    public String widgetId() {
        return widgetId;
    }

    public String name() {
        return name;
    }

    /** The options with defaults applied; {} when none. */
    public JsonObject options() {
        return options == null ? JsonValue.EMPTY_JSON_OBJECT : options;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
