package dev.hollerith.alerts.entity;

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
 * One occurrence of a condition, from "open" to "resolved". {@code openKey} is set only while open and is
 * unique: two instances raising the same condition at once cannot open it twice. It is resolved by a
 * conditional UPDATE ({@link #RESOLVE}), so two instances resolving it at once cannot resolve it twice.
 */
@Entity
@Table(name = "alert", uniqueConstraints = @UniqueConstraint(name = "alert_open_key", columnNames = "open_key"))
@NamedQuery(name = Alert.OPEN, query = "SELECT a FROM Alert a WHERE a.openKey = :key")
@NamedQuery(name = Alert.RESOLVE, query = "UPDATE Alert a SET a.state = 'resolved', a.openKey = NULL, a.resolvedAt = :now"
        + " WHERE a.id = :id AND a.state = 'open'")
@NamedQuery(name = Alert.OF_ORGANIZATION, query = "SELECT a FROM Alert a WHERE a.organizationId = :organization ORDER BY a.openedAt DESC, a.id")
@NamedQuery(name = Alert.OF_ORGANIZATION_IN_STATE,
        query = "SELECT a FROM Alert a WHERE a.organizationId = :organization AND a.state = :state ORDER BY a.openedAt DESC, a.id")
public class Alert {

    public static final String OPEN = "Alert.open";
    public static final String RESOLVE = "Alert.resolve";
    public static final String OF_ORGANIZATION = "Alert.ofOrganization";
    public static final String OF_ORGANIZATION_IN_STATE = "Alert.ofOrganizationInState";
    public static final String STATE_OPEN = "open";
    public static final String STATE_RESOLVED = "resolved";

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "organization_id", nullable = false, length = 36)
    private String organizationId;

    @Column(nullable = false, length = 32)
    private String type;

    @Column(name = "condition_key", nullable = false, length = 300)
    private String conditionKey;

    @Column(name = "open_key", length = 400)
    private String openKey;

    @Column(nullable = false, length = 16)
    private String state;

    @Column(name = "widget_config_id", length = 36)
    private String widgetConfigId;

    @Column(name = "integration_id")
    private Long integrationId;

    @Column(length = 1000)
    private String detail;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "opened_at", nullable = false)
    private Instant openedAt;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "resolved_at")
    private Instant resolvedAt;

    protected Alert() {
    }

    public Alert(String organizationId, String type, String conditionKey, Long integrationId, String widgetConfigId, String detail, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.organizationId = organizationId;
        this.type = type;
        this.conditionKey = conditionKey;
        this.openKey = openKey(organizationId, type, conditionKey);
        this.state = STATE_OPEN;
        this.integrationId = integrationId;
        this.widgetConfigId = widgetConfigId;
        this.detail = detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 999) + "…";
        this.openedAt = now;
    }

    public static String openKey(String organizationId, String type, String conditionKey) {
        String key = organizationId + "|" + type + "|" + conditionKey;
        return key.length() <= 400 ? key : key.substring(0, 400);
    }

    public String id() {
        return id;
    }

    public String organizationId() {
        return organizationId;
    }

    public String type() {
        return type;
    }

    public String conditionKey() {
        return conditionKey;
    }

    public String state() {
        return state;
    }

    public String widgetConfigId() {
        return widgetConfigId;
    }

    public Long integrationId() {
        return integrationId;
    }

    public String detail() {
        return detail;
    }

    public Instant openedAt() {
        return openedAt;
    }

    public Instant resolvedAt() {
        return resolvedAt;
    }
}
