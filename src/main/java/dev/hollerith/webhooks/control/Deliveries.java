package dev.hollerith.webhooks.control;

import dev.hollerith.webhooks.entity.WebhookDelivery;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/** The delivery log: written for every delivery to a known widget config, read by the dashboard. */
@Stateless
public class Deliveries {

    @PersistenceContext
    EntityManager em;

    /** A rejection is logged in its own transaction: the refused delivery's work is rolled back, its record is not. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordRejected(WebhookDelivery delivery) {
        em.persist(delivery);
    }

    /** Newest first; {@code organizationId} null means every organization's deliveries (admins). */
    public List<WebhookDelivery> ofIntegration(long integrationId, String organizationId, int offset, int limit) {
        var query = organizationId == null
                ? em.createNamedQuery(WebhookDelivery.OF_INTEGRATION, WebhookDelivery.class)
                : em.createNamedQuery(WebhookDelivery.OF_INTEGRATION_AND_ORGANIZATION, WebhookDelivery.class)
                        .setParameter("organization", organizationId);
        return query.setParameter("integration", integrationId).setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public java.util.Optional<WebhookDelivery> find(long id) {
        return java.util.Optional.ofNullable(em.find(WebhookDelivery.class, id));
    }

    public boolean acceptedBefore(String replayKey) {
        return em.createNamedQuery(WebhookDelivery.COUNT_REPLAY_KEY, Long.class).setParameter("key", replayKey).getSingleResult() > 0;
    }
}
