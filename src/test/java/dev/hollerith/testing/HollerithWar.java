package dev.hollerith.testing;

/**
 * The application exactly as it ships: the WAR that {@code mvn package} built, deployed at the
 * root context as in production, with the admin every test server creates at start-up.
 */
public final class HollerithWar {

    public static final String ADMIN_EMAIL = "admin@hollerith.test";
    public static final String ADMIN_PASSWORD = "admin-password-1";

    private HollerithWar() {
    }
}
