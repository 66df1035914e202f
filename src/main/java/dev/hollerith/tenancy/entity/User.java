package dev.hollerith.tenancy.entity;

import dev.hollerith.security.control.Role;
import dev.hollerith.security.control.Secrets;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/** A person who signs in to the console. Admins have no organization; members belong to one. */
@Entity
@Table(name = "app_user")
@NamedQuery(name = User.BY_EMAIL, query = "SELECT u FROM User u WHERE u.email = :email")
@NamedQuery(name = User.COUNT_ADMINS, query = "SELECT COUNT(u) FROM User u WHERE u.role = dev.hollerith.security.control.Role.ADMIN")
@NamedQuery(name = User.OF_ORGANIZATION, query = "SELECT u FROM User u WHERE u.organizationId = :organization ORDER BY u.email")
public class User {

    public static final String BY_EMAIL = "User.byEmail";
    public static final String COUNT_ADMINS = "User.countAdmins";
    public static final String OF_ORGANIZATION = "User.ofOrganization";

    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, unique = true, length = 254)
    private String email;

    @Column(name = "password_hash", nullable = false, length = 80)
    private String passwordHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Role role;

    @Column(name = "organization_id", length = 36)
    private String organizationId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected User() {
    }

    public User(String email, String password, Role role, String organizationId) {
        this.id = UUID.randomUUID().toString();
        this.email = normalize(email);
        this.passwordHash = Secrets.bcrypt(password);
        this.role = role;
        this.organizationId = organizationId;
        this.createdAt = Instant.now();
    }

    public static String normalize(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    /** A reset by an administrator or a member of the same organization; the caller ends the user's sessions. */
    public void changePassword(String newPassword) {
        this.passwordHash = Secrets.bcrypt(newPassword);
    }

    public boolean passwordMatches(String password) {
        return Secrets.bcryptMatches(password, passwordHash);
    }

    public String id() {
        return id;
    }

    public String email() {
        return email;
    }

    public Role role() {
        return role;
    }

    public String organizationId() {
        return organizationId;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
