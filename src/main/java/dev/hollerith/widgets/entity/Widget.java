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

/**
 * A kind of widget a display can show (e.g. {@code weather-widget}). Its id is a readable slug
 * because seed 002 uses such ids in paths and integration definitions.
 */
@Entity
@Table(name = "widget")
@NamedQuery(name = Widget.ALL, query = "SELECT w FROM Widget w ORDER BY w.id")
public class Widget {

    public static final String ALL = "Widget.all";

    @Id
    @Column(length = 64)
    private String id;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(length = 2000)
    private String description;

    @Column(name = "data_schema", length = 1_000_000)
    @Convert(converter = JsonObjectConverter.class)
    private JsonObject dataSchema;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Widget() {
    }

    public Widget(String id, String name, String description, JsonObject dataSchema) {
        this.id = id;
        this.name = name;
        this.description = description;
        this.dataSchema = dataSchema;
        this.createdAt = Instant.now();
    }

    public void describe(String newName, String newDescription, JsonObject newDataSchema) {
        this.name = newName;
        this.description = newDescription;
        this.dataSchema = newDataSchema;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    /** What the widget expects as data; {} when undeclared. */
    public JsonObject dataSchema() {
        return dataSchema == null ? JsonValue.EMPTY_JSON_OBJECT : dataSchema;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
