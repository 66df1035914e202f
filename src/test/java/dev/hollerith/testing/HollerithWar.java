package dev.hollerith.testing;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The application exactly as it ships: the WAR that {@code mvn package} built, deployed as
 * {@code ROOT.war} so that it answers at the root context as in production.
 */
public final class HollerithWar {

    public static final String ADMIN_EMAIL = "admin@hollerith.test";
    public static final String ADMIN_PASSWORD = "admin-password-1";

    private HollerithWar() {
    }

    public static WebArchive build() {
        File war = new File(System.getProperty("hollerith.war", "target/hollerith.war"));
        if (!war.isFile()) {
            throw new IllegalStateException("Run the tests with 'mvn verify': " + war + " is built by the package phase");
        }
        return ShrinkWrap.create(ZipImporter.class, "ROOT.war").importFrom(war).as(WebArchive.class);
    }
}
