package dev.hollerith.tenancy.entity;

import dev.hollerith.security.control.Role;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An organization's API key. The id is the non-secret middle part of the token
 * ({@code hk_<id>_<secret>}); only a bcrypt hash of the whole token is stored.
 */
@Entity
@Table(name = "api_key")
@NamedQuery(name = ApiKey.OF_ORGANIZATION, query = "SELECT k FROM ApiKey k WHERE k.organizationId = :organization ORDER BY k.createdAt DESC")
public class ApiKey {

    public static final String OF_ORGANIZATION = "ApiKey.ofOrganization";

    @Id
    @Column(length = 16)
    private String id;

    @Column(name = "organization_id", nullable = false, length = 36)
    private String organizationId;

    @Column(nullable = false, length = 200)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Role role;

    @Column(name = "token_hash", nullable = false, length = 80)
    private String tokenHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected ApiKey() {
    }

    public ApiKey(String id, String organizationId, String name, Role role, String tokenHash) {
        this.id = id;
        this.organizationId = organizationId;
        this.name = name;
        this.role = role;
        this.tokenHash = tokenHash;
        this.createdAt = Instant.now();
    }

    public void revoke() {
        if (revokedAt == null) {
            revokedAt = Instant.now();
        }
    }

    public boolean isActive() {
        return revokedAt == null;
    }

    public String id() {
        return id;
    }

    public String organizationId() {
        return organizationId;
    }

    public String name() {
        return name;
    }

    public Role role() {
        return role;
    }

    public String tokenHash() {
        return tokenHash;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant revokedAt() {
        return revokedAt;
    }
}
