package dev.hollerith.security.control;

import dev.hollerith.platform.control.NotPermitted;
import dev.hollerith.platform.control.UnknownResource;
import jakarta.security.enterprise.CallerPrincipal;
import java.util.Objects;

/**
 * Who is calling: a user (through a session) or an organization API key. {@code organizationId}
 * is null only for installation admins, who may see every organization.
 */
public class Caller extends CallerPrincipal {

    private final String id;
    private final Role role;
    private final String organizationId;
    private final String keyId;

    public Caller(String id, Role role, String organizationId, String keyId) {
        super(id);
        this.id = Objects.requireNonNull(id);
        this.role = Objects.requireNonNull(role);
        this.organizationId = organizationId;
        this.keyId = keyId;
    }

    public String id() {
        return id;
    }

    public Role role() {
        return role;
    }

    public String organizationId() {
        return organizationId;
    }

    /** The API key this caller authenticated with, or null for a session. */
    public String keyId() {
        return keyId;
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    public boolean canAccess(String organization) {
        return isAdmin() || (organization != null && organization.equals(organizationId));
    }

    /** Another tenant's objects are reported as unknown, never as forbidden: their existence stays hidden. */
    public void requireAccess(String organization, String what) {
        if (!canAccess(organization)) {
            throw new UnknownResource(what + " not found");
        }
    }

    public void requireAdmin() {
        if (!isAdmin()) {
            throw new NotPermitted("This action needs the admin role");
        }
    }

    /** Serialised for the token cache: JDK types only, so any grid member can read it. */
    public String encode() {
        return String.join("\t", id, role.name(), organizationId == null ? "" : organizationId, keyId == null ? "" : keyId);
    }

    public static Caller decode(String encoded) {
        String[] parts = encoded.split("\t", -1);
        return new Caller(parts[0], Role.valueOf(parts[1]), parts[2].isEmpty() ? null : parts[2], parts[3].isEmpty() ? null : parts[3]);
    }
}
