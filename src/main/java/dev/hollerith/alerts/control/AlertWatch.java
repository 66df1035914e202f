package dev.hollerith.alerts.control;

import dev.hollerith.alerts.entity.Alert;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Resolves conditions that clear by time rather than by an event: "webhooks.forged" once fewer than the
 * threshold of forged deliveries arrived within the last hour. Every instance runs it (timers are per
 * instance); resolving twice is a no-op.
 */
@Stateless
public class AlertWatch {

    private static final Logger LOG = Logger.getLogger(AlertWatch.class.getName());

    @EJB
    AlertRecords records;

    @Inject
    Alerts alerts;

    @Schedule(hour = "*", minute = "*", persistent = false)
    void everyMinute() {
        try {
            Instant hourAgo = Instant.now().minus(Duration.ofHours(1));
            for (Alert alert : records.openOfType(AlertType.WEBHOOKS_FORGED)) {
                if (alert.integrationId() != null
                        && records.forgedSince(alert.organizationId(), alert.integrationId(), hourAgo) < records.forgedPerHour(alert.organizationId())) {
                    alerts.resolve(alert.organizationId(), AlertType.WEBHOOKS_FORGED, Alerts.forgedKey(alert.integrationId()));
                }
            }
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "Alert watch failed: {0}", failed.toString());
        }
    }
}
