package dev.hollerith.alerts.control;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where the other components report conditions. Never throws: an alert that cannot be written is logged,
 * and the pull, webhook or credential check that noticed the condition goes on as if alerting were off.
 */
@ApplicationScoped
public class Alerts {

    private static final Logger LOG = Logger.getLogger(Alerts.class.getName());

    @EJB
    AlertRecords records;

    public void raise(String organizationId, AlertType type, String conditionKey, Long integrationId, String widgetConfigId, String detail) {
        if (organizationId == null) {
            return;
        }
        try {
            records.open(organizationId, type, conditionKey, integrationId, widgetConfigId, detail);
        } catch (RuntimeException failed) {
            // most often the same condition opened concurrently by another instance: it is open, which is what we wanted
            LOG.log(Level.FINE, "alert {0} not opened: {1}", new Object[] {type.wireName(), failed.toString()});
        }
    }

    public void resolve(String organizationId, AlertType type, String conditionKey) {
        if (organizationId == null) {
            return;
        }
        try {
            records.resolve(organizationId, type, conditionKey);
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "alert {0} not resolved: {1}", new Object[] {type.wireName(), failed.toString()});
        }
    }

    /**
     * A webhook delivery was refused by its signature check: once {@code forged_per_hour} of them arrived
     * for this integration within an hour, "webhooks.forged" opens (resolved by {@link AlertWatch}).
     */
    public void webhookForged(String organizationId, long integrationId, String widgetConfigId) {
        try {
            if (organizationId == null) {
                return;
            }
            long forged = records.forgedSince(organizationId, integrationId, java.time.Instant.now().minus(java.time.Duration.ofHours(1)));
            if (forged >= records.forgedPerHour(organizationId)) {
                raise(organizationId, AlertType.WEBHOOKS_FORGED, forgedKey(integrationId), integrationId, widgetConfigId,
                        forged + " webhook deliveries to integration " + integrationId + " failed their signature check within an hour");
            }
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "forged webhook alert not checked: {0}", failed.toString());
        }
    }

    /** An open alert's condition, for a component that resolves conditions by looking (e.g. data.stale). */
    public record OpenCondition(String organizationId, String conditionKey) {
    }

    /** The conditions of this type that are open now, on any instance. */
    public java.util.List<OpenCondition> open(AlertType type) {
        return records.openOfType(type).stream().map(alert -> new OpenCondition(alert.organizationId(), alert.conditionKey())).toList();
    }

    static String forgedKey(long integrationId) {
        return "integration:" + integrationId;
    }

    /** A pull failed {@code failures} times in a row: an alert once the organization's threshold is reached. */
    public void pullFailed(String organizationId, long integrationId, String widgetConfigId, String dataKey, int failures, String reason) {
        try {
            if (organizationId != null && failures >= records.failuresBeforeAlert(organizationId)) {
                raise(organizationId, AlertType.PULL_FAILING, dataKey, integrationId, widgetConfigId,
                        "The pull failed " + failures + " times in a row: " + reason);
            }
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "pull failure alert not checked: {0}", failed.toString());
        }
    }
}
