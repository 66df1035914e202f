package dev.hollerith.integrations.control;

import dev.hollerith.ratelimit.control.RateLimit;
import dev.hollerith.ratelimit.control.RateLimiter;
import dev.hollerith.security.control.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Seed 002 "Rate Limiting": integration management 100 requests a minute per organization,
 * credential management (writes, reads and tests of credentials) 10 a minute per organization.
 * Admins act for no organization: their calls count per admin, against a budget of their own
 * ({@code hollerith.ratelimit.admin-integrations-per-minute}, by default the organizations'), so an
 * operator's provisioning script can be given more without lifting every tenant's limit.
 */
@ApplicationScoped
public class ManagementLimits {

    @Inject
    RateLimiter limiter;

    @Inject
    @ConfigProperty(name = "hollerith.ratelimit.integrations-per-minute", defaultValue = "100")
    long integrationsPerMinute;

    @Inject
    @ConfigProperty(name = "hollerith.ratelimit.admin-integrations-per-minute")
    Optional<Long> adminIntegrationsPerMinute;

    @Inject
    @ConfigProperty(name = "hollerith.ratelimit.credentials-per-minute", defaultValue = "10")
    long credentialsPerMinute;

    /** One integration-management request for this organization. */
    public void integrations(String organizationId) {
        limiter.consume(RateLimit.perMinute("integration-management", integrationsPerMinute), organizationId);
    }

    /** One integration-management request of a caller, counted for its organization, or per admin for an admin acting for none. */
    public void integrations(Caller caller) {
        if (caller.organizationId() != null) {
            integrations(caller.organizationId());
        } else {
            limiter.consume(RateLimit.perMinute("integration-management", adminIntegrationsPerMinute.orElse(integrationsPerMinute)),
                    "admin:" + caller.id());
        }
    }

    /** One credential-management request for this organization. */
    public void credentials(String organizationId) {
        limiter.consume(RateLimit.perMinute("credential-management", credentialsPerMinute), organizationId);
    }
}
