package dev.hollerith.crypto.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Base64;

/**
 * An owner's (organization's, or the installation's) data key, wrapped by a master key.
 * Kept apart from the organization row so that crypto owns its own table.
 */
@Entity
@Table(name = "data_key")
@NamedQuery(name = DataKey.WRAPPED_BY_OTHER, query = "SELECT d FROM DataKey d WHERE d.masterKeyId <> :current")
public class DataKey {

    public static final String WRAPPED_BY_OTHER = "DataKey.wrappedByOther";

    @Id
    @Column(name = "owner_id", length = 64)
    private String ownerId;

    @Column(name = "master_key_id", nullable = false, length = 16)
    private String masterKeyId;

    @Column(name = "wrapped_key", nullable = false, length = 200)
    private String wrappedKey;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected DataKey() {
    }

    public DataKey(String ownerId, String masterKeyId, byte[] wrapped) {
        this.ownerId = ownerId;
        this.createdAt = Instant.now();
        rewrap(masterKeyId, wrapped);
    }

    public final void rewrap(String newMasterKeyId, byte[] wrapped) {
        this.masterKeyId = newMasterKeyId;
        this.wrappedKey = Base64.getEncoder().encodeToString(wrapped);
    }

    public String ownerId() {
        return ownerId;
    }

    public String masterKeyId() {
        return masterKeyId;
    }

    public byte[] wrapped() {
        return Base64.getDecoder().decode(wrappedKey);
    }
}
