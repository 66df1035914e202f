package dev.hollerith.alerts.control;

import dev.hollerith.alerts.entity.Alert;
import dev.hollerith.alerts.entity.AlertEndpoint;
import dev.hollerith.crypto.control.Envelope;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The alert rows. Each change runs in a transaction of its own: an alert must neither roll back the pull
 * or webhook that noticed the condition nor be lost with it.
 */
@Stateless
public class AlertRecords {

    static final int DEFAULT_FAILURES_BEFORE_ALERT = 3;
    static final int DEFAULT_FORGED_PER_HOUR = 50;

    @PersistenceContext
    EntityManager em;

    @Inject
    Envelope envelope;

    @Inject
    Event<AlertChanged> changed;

    /** Opens the condition unless it is open already. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void open(String organizationId, AlertType type, String conditionKey, Long integrationId, String widgetConfigId, String detail) {
        if (find(Alert.openKey(organizationId, type.wireName(), conditionKey)).isPresent()) {
            return;
        }
        Alert alert = new Alert(organizationId, type.wireName(), conditionKey, integrationId, widgetConfigId, detail, Instant.now());
        em.persist(alert);
        // two instances opening the same condition at once: the unique open_key lets one win, here, not at commit
        em.flush();
        announce(alert);
    }

    /**
     * Resolves the condition if it is open. A conditional UPDATE (state still open): two instances resolving
     * the same alert at once wait for each other on the row, and only the first sends "resolved".
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void resolve(String organizationId, AlertType type, String conditionKey) {
        find(Alert.openKey(organizationId, type.wireName(), conditionKey)).ifPresent(alert -> {
            int won = em.createNamedQuery(Alert.RESOLVE).setParameter("now", Instant.now()).setParameter("id", alert.id()).executeUpdate();
            if (won == 1) {
                em.refresh(alert);
                announce(alert);
            }
        });
    }

    public int failuresBeforeAlert(String organizationId) {
        AlertEndpoint endpoint = em.find(AlertEndpoint.class, organizationId);
        return endpoint == null ? DEFAULT_FAILURES_BEFORE_ALERT : endpoint.failuresBeforeAlert();
    }

    public int forgedPerHour(String organizationId) {
        AlertEndpoint endpoint = em.find(AlertEndpoint.class, organizationId);
        return endpoint == null ? DEFAULT_FORGED_PER_HOUR : endpoint.forgedPerHour();
    }

    /** Deliveries refused by their signature check (invalid, missing, replayed) since {@code since}. */
    public long forgedSince(String organizationId, long integrationId, Instant since) {
        return em.createQuery("SELECT COUNT(d) FROM WebhookDelivery d WHERE d.organizationId = :organization"
                        + " AND d.integrationId = :integration AND d.receivedAt > :since AND d.signatureVerdict IN :forged", Long.class)
                .setParameter("organization", organizationId).setParameter("integration", integrationId).setParameter("since", since)
                .setParameter("forged", List.of("invalid", "missing", "replay")).getSingleResult();
    }

    public List<Alert> openOfType(AlertType type) {
        return em.createQuery("SELECT a FROM Alert a WHERE a.type = :type AND a.state = :state", Alert.class)
                .setParameter("type", type.wireName()).setParameter("state", Alert.STATE_OPEN).getResultList();
    }

    public List<Alert> of(String organizationId, String state, int offset, int limit) {
        var query = state == null
                ? em.createNamedQuery(Alert.OF_ORGANIZATION, Alert.class)
                : em.createNamedQuery(Alert.OF_ORGANIZATION_IN_STATE, Alert.class).setParameter("state", state);
        return query.setParameter("organization", organizationId).setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    private Optional<Alert> find(String openKey) {
        return em.createNamedQuery(Alert.OPEN, Alert.class).setParameter("key", openKey).getResultStream().findFirst();
    }

    private void announce(Alert alert) {
        AlertEndpoint endpoint = em.find(AlertEndpoint.class, alert.organizationId());
        if (endpoint == null) {
            return; // listed in the API all the same
        }
        String secret = envelope.open(alert.organizationId(), AlertEndpoint.secretContext(alert.organizationId()), endpoint.sealedSecret());
        changed.fire(new AlertChanged(alert.id(), alert.state(), payload(alert).toString(), endpoint.url(), secret));
    }

    static jakarta.json.JsonObject payload(Alert alert) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("id", alert.id())
                .add("type", alert.type())
                .add("state", alert.state());
        if (alert.widgetConfigId() != null) {
            json.add("widget_config_id", alert.widgetConfigId());
        }
        if (alert.integrationId() != null) {
            json.add("integration_id", alert.integrationId());
        }
        json.add("organization_id", alert.organizationId())
                .add("detail", alert.detail() == null ? "" : alert.detail())
                .add("opened_at", alert.openedAt().truncatedTo(ChronoUnit.SECONDS).toString());
        if (alert.resolvedAt() != null) {
            json.add("resolved_at", alert.resolvedAt().truncatedTo(ChronoUnit.SECONDS).toString());
        }
        return json.build();
    }
}
