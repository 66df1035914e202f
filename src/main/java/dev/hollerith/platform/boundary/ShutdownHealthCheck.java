package dev.hollerith.platform.boundary;

import dev.hollerith.platform.control.InFlightRequests;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready once the instance is stopping, so a load balancer sends the next requests elsewhere. */
@Readiness
@ApplicationScoped
public class ShutdownHealthCheck implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("accepting-requests").status(!InFlightRequests.get().isDraining()).build();
    }
}
