package dev.hollerith.tenancy.control;

import dev.hollerith.crypto.control.Envelope;
import dev.hollerith.security.control.Role;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** At start-up: create the first admin from configuration, and re-wrap data keys after a master-key rotation. */
@Singleton
@Startup
public class Bootstrap {

    private static final Logger LOG = Logger.getLogger(Bootstrap.class.getName());

    @Inject
    Users users;

    @Inject
    Envelope envelope;

    @Inject
    @ConfigProperty(name = "hollerith.admin.email")
    Optional<String> adminEmail;

    @Inject
    @ConfigProperty(name = "hollerith.admin.password")
    Optional<String> adminPassword;

    @PostConstruct
    void start() {
        if (!users.anyAdmin()) {
            if (adminEmail.isEmpty() || adminPassword.isEmpty()) {
                LOG.warning("No admin user exists: set HOLLERITH_ADMIN_EMAIL and HOLLERITH_ADMIN_PASSWORD and restart to create one");
            } else {
                users.create(adminEmail.get(), adminPassword.get(), Role.ADMIN, null);
                LOG.info(() -> "Created the admin user " + adminEmail.get());
            }
        }
        int rewrapped = envelope.rewrapDataKeys();
        if (rewrapped > 0) {
            LOG.info(() -> "Master key rotation: re-wrapped " + rewrapped + " data key(s) with the current master key");
        }
    }
}
