package dev.hollerith.security.control;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The four roles of API.md. The name in lower case is the container role (as in {@code @RolesAllowed}). */
public enum Role {
    ADMIN, MEMBER, PLAYER, PUNCHCARD;

    public static final String ADMIN_ROLE = "admin";
    public static final String MEMBER_ROLE = "member";
    public static final String PLAYER_ROLE = "player";
    public static final String PUNCHCARD_ROLE = "punchcard";

    public String roleName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> parse(String name) {
        return Arrays.stream(values()).filter(r -> r.roleName().equals(name)).findFirst();
    }
}
