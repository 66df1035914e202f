package dev.hollerith.history.entity;

import dev.hollerith.platform.control.UtcInstantConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An operator's pin: players of this data key get {@code version} until the pin is removed, while
 * pulls and webhooks go on being recorded. The durable copy of what every instance holds in memory.
 */
@Entity
@Table(name = "data_pin")
@NamedQuery(name = DataPin.ALL, query = "SELECT p FROM DataPin p")
public class DataPin {

    public static final String ALL = "DataPin.all";

    /** The data key {@code <integration id>:<discriminator>}. */
    @Id
    @Column(name = "data_key", length = 250)
    private String dataKey;

    @Column(name = "integration_id", nullable = false)
    private long integrationId;

    @Column(nullable = false, length = 200)
    private String discriminator;

    @Column(nullable = false)
    private long version;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "pinned_at", nullable = false)
    private Instant pinnedAt;

    @Column(name = "pinned_by", length = 100)
    private String pinnedBy;

    protected DataPin() {
    }

    public DataPin(String dataKey, long integrationId, String discriminator, long version, String pinnedBy, Instant now) {
        this.dataKey = dataKey;
        this.integrationId = integrationId;
        this.discriminator = discriminator;
        repin(version, pinnedBy, now);
    }

    public final void repin(long version, String pinnedBy, Instant now) {
        this.version = version;
        this.pinnedBy = pinnedBy;
        this.pinnedAt = now;
    }

    public String dataKey() {
        return dataKey;
    }

    public long version() {
        return version;
    }
}
