package dev.hollerith.tenancy.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A signed-in user's session; the token is {@code hs_<id>_<secret>} and only SHA-256 of the secret is kept. */
@Entity
@Table(name = "user_session")
public class Session {

    @Id
    @Column(length = 16)
    private String id;

    @Column(name = "user_id", nullable = false, length = 36)
    private String userId;

    @Column(name = "secret_hash", nullable = false, length = 64)
    private String secretHash;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected Session() {
    }

    public Session(String id, String userId, String secretHash, Instant expiresAt) {
        this.id = id;
        this.userId = userId;
        this.secretHash = secretHash;
        this.expiresAt = expiresAt;
    }

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public String id() {
        return id;
    }

    public String userId() {
        return userId;
    }

    public String secretHash() {
        return secretHash;
    }

    public Instant expiresAt() {
        return expiresAt;
    }
}
