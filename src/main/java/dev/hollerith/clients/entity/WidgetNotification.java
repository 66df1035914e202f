package dev.hollerith.clients.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One attempt to tell a client's external widget about the toggle, and what came back. Holds
 * the URL (without its query) and the outcome, never the token that was sent.
 */
@Entity
@Table(name = "widget_notification", indexes = @Index(name = "widget_notification_client", columnList = "client_id, sent_at"))
@NamedQuery(name = WidgetNotification.OF_CLIENT,
        query = "SELECT n FROM WidgetNotification n WHERE n.clientId = :client ORDER BY n.sentAt DESC, n.id DESC")
@NamedQuery(name = WidgetNotification.DELETE_OF_CLIENT, query = "DELETE FROM WidgetNotification n WHERE n.clientId = :client")
public class WidgetNotification {

    public static final String OF_CLIENT = "WidgetNotification.ofClient";
    public static final String DELETE_OF_CLIENT = "WidgetNotification.deleteOfClient";

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "client_id", nullable = false, length = 24)
    private String clientId;

    @Column(name = "sent_at", nullable = false)
    private Instant sentAt;

    @Column(nullable = false, length = 2048)
    private String url;

    @Column(nullable = false)
    private boolean disabled;

    @Column(nullable = false)
    private boolean delivered;

    @Column(name = "status_code")
    private Integer statusCode;

    /** The widget's own {@code "success"} member, when its answer had one. */
    private Boolean success;

    @Column(length = 1000)
    private String message;

    @Column(length = 1000)
    private String error;

    @Column(name = "duration_ms", nullable = false)
    private long durationMs;

    protected WidgetNotification() {
    }

    public WidgetNotification(String clientId, Instant sentAt, String url, boolean disabled, boolean delivered,
                              Integer statusCode, Boolean success, String message, String error, long durationMs) {
        this.id = UUID.randomUUID().toString();
        this.clientId = clientId;
        this.sentAt = sentAt;
        this.url = url;
        this.disabled = disabled;
        this.delivered = delivered;
        this.statusCode = statusCode;
        this.success = success;
        this.message = message;
        this.error = error;
        this.durationMs = durationMs;
    }

    public String id() {
        return id;
    }

    public String clientId() {
        return clientId;
    }

    public Instant sentAt() {
        return sentAt;
    }

    public String url() {
        return url;
    }

    public boolean disabled() {
        return disabled;
    }

    public boolean delivered() {
        return delivered;
    }

    public Integer statusCode() {
        return statusCode;
    }

    public Boolean success() {
        return success;
    }

    public String message() {
        return message;
    }

    public String error() {
        return error;
    }

    public long durationMs() {
        return durationMs;
    }
}
