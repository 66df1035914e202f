package dev.hollerith.testing;

import java.io.File;

/**
 * The application exactly as it ships: the WAR that {@code mvn package} built, deployed at the
 * root context as in production, with the admin every test server creates at start-up.
 */
public final class HollerithWar {

    public static final String ADMIN_EMAIL = "admin@hollerith.test";
    public static final String ADMIN_PASSWORD = "admin-password-1";

    private HollerithWar() {
    }

    /** The packaged WAR ({@code hollerith.war}: the CI's PostgreSQL pass tests a copy of its own). */
    public static String path() {
        return new File(System.getProperty("hollerith.war", "target/hollerith.war")).getAbsolutePath();
    }
}
