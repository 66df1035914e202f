package dev.hollerith.integrations.control;

import dev.hollerith.ratelimit.control.RateLimit;
import dev.hollerith.ratelimit.control.RateLimiter;
import dev.hollerith.security.control.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Seed 002 "Rate Limiting": integration management 100 requests a minute per organization,
 * credential management (writes, reads and tests of credentials) 10 a minute per organization.
 * Admins act for no organization: their calls count per admin.
 */
@ApplicationScoped
public class ManagementLimits {

    @Inject
    RateLimiter limiter;

    @Inject
    @ConfigProperty(name = "hollerith.ratelimit.integrations-per-minute", defaultValue = "100")
    long integrationsPerMinute;

    @Inject
    @ConfigProperty(name = "hollerith.ratelimit.credentials-per-minute", defaultValue = "10")
    long credentialsPerMinute;

    /** One integration-management request for this organization. */
    public void integrations(String organizationId) {
        limiter.consume(RateLimit.perMinute("integration-management", integrationsPerMinute), organizationId);
    }

    /** One integration-management request of a caller acting for no particular organization (an admin). */
    public void integrations(Caller caller) {
        integrations(subjectOf(caller));
    }

    /** One credential-management request for this organization. */
    public void credentials(String organizationId) {
        limiter.consume(RateLimit.perMinute("credential-management", credentialsPerMinute), organizationId);
    }

    private static String subjectOf(Caller caller) {
        return caller.organizationId() != null ? caller.organizationId() : "admin:" + caller.id();
    }
}
