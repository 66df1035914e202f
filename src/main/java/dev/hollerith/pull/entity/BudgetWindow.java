package dev.hollerith.pull.entity;

import dev.hollerith.platform.control.UtcInstantConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The upstream requests one credential set spent in the current budget window (issue 17). Changed only by
 * conditional UPDATEs, so instances of a cluster spending at once can never exceed the budget together.
 */
@Entity
@Table(name = "budget_window")
@NamedQuery(name = BudgetWindow.SPEND, query = "UPDATE BudgetWindow b SET b.used = b.used + 1"
        + " WHERE b.credentialSet = :set AND b.windowStart = :window AND b.used < :limit")
@NamedQuery(name = BudgetWindow.RESET, query = "UPDATE BudgetWindow b SET b.used = 1, b.windowStart = :window"
        + " WHERE b.credentialSet = :set AND b.windowStart < :window")
public class BudgetWindow {

    public static final String SPEND = "BudgetWindow.spend";
    public static final String RESET = "BudgetWindow.reset";

    /** {@code <integration id>:org:<organization id>} or {@code <integration id>:cfg:<widget config id>}. */
    @Id
    @Column(name = "credential_set", length = 100)
    private String credentialSet;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "window_start", nullable = false)
    private Instant windowStart;

    @Column(nullable = false)
    private long used;

    protected BudgetWindow() {
    }

    /** A first window with its first request spent. */
    public BudgetWindow(String credentialSet, Instant windowStart) {
        this.credentialSet = credentialSet;
        this.windowStart = windowStart;
        this.used = 1;
    }

    public Instant windowStart() {
        return windowStart;
    }

    public long used() {
        return used;
    }
}
