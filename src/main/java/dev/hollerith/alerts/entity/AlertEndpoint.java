package dev.hollerith.alerts.entity;

import dev.hollerith.platform.control.UtcInstantConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Where an organization's alerts go, and its thresholds. The signing secret is sealed with the organization's data key. */
@Entity
@Table(name = "alert_endpoint")
public class AlertEndpoint {

    @Id
    @Column(name = "organization_id", length = 36)
    private String organizationId;

    @Column(nullable = false, length = 2000)
    private String url;

    @Column(name = "secret_sealed", nullable = false, length = 2000)
    private String sealedSecret;

    @Column(name = "failures_before_alert", nullable = false)
    private int failuresBeforeAlert;

    @Column(name = "forged_per_hour", nullable = false)
    private int forgedPerHour;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected AlertEndpoint() {
    }

    public AlertEndpoint(String organizationId) {
        this.organizationId = organizationId;
    }

    public void configure(String url, String sealedSecret, int failuresBeforeAlert, int forgedPerHour, Instant now) {
        this.url = url;
        this.sealedSecret = sealedSecret;
        this.failuresBeforeAlert = failuresBeforeAlert;
        this.forgedPerHour = forgedPerHour;
        this.updatedAt = now;
    }

    public static String secretContext(String organizationId) {
        return "alert-endpoint:" + organizationId;
    }

    public String organizationId() {
        return organizationId;
    }

    public String url() {
        return url;
    }

    public String sealedSecret() {
        return sealedSecret;
    }

    public int failuresBeforeAlert() {
        return failuresBeforeAlert;
    }

    public int forgedPerHour() {
        return forgedPerHour;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
