package dev.hollerith.clients.control;

import dev.hollerith.clients.entity.WidgetNotification;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/** The log of notifications sent to clients' external widgets. */
@Stateless
public class WidgetNotifications {

    private static final int MAX_TEXT = 1000;

    @PersistenceContext
    EntityManager em;

    public WidgetNotification record(String clientId, NotificationOutcome outcome) {
        WidgetNotification entry = new WidgetNotification(clientId, outcome.sentAt(), cut(outcome.url(), 2048), outcome.disabled(),
                outcome.delivered(), outcome.statusCode(), outcome.success(), cut(outcome.message(), MAX_TEXT),
                cut(outcome.error(), MAX_TEXT), outcome.durationMs());
        em.persist(entry);
        return entry;
    }

    /** Newest first. */
    public List<WidgetNotification> ofClient(String clientId, int offset, int limit) {
        return em.createNamedQuery(WidgetNotification.OF_CLIENT, WidgetNotification.class)
                .setParameter("client", clientId).setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
