package dev.hollerith.punchcard.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Whether the punch-card message API is running. One row; kept in the database, not in memory,
 * so that a stop survives a restart and holds on every instance of a cluster.
 */
@Entity
@Table(name = "punch_api_state")
public class MessageApiState {

    public static final String ID = "messages";

    @Id
    @Column(length = 32)
    private String id;

    @Column(nullable = false)
    private boolean enabled;

    @Column(name = "changed_at", nullable = false)
    private Instant changedAt;

    @Column(name = "changed_by", length = 64)
    private String changedBy;

    protected MessageApiState() {
    }

    public MessageApiState(boolean enabled, String changedBy) {
        this.id = ID;
        change(enabled, changedBy);
    }

    public void change(boolean enabled, String changedBy) {
        this.enabled = enabled;
        this.changedBy = changedBy;
        this.changedAt = Instant.now();
    }

    public boolean isEnabled() {
        return enabled;
    }

    public Instant changedAt() {
        return changedAt;
    }

    public String changedBy() {
        return changedBy;
    }
}
