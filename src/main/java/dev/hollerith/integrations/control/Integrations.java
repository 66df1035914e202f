package dev.hollerith.integrations.control;

import dev.hollerith.integrations.entity.WidgetIntegration;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/** Integration definitions of widgets (seed 002): created and changed by admins, read by everyone who uses the widget. */
@Stateless
public class Integrations {

    @PersistenceContext
    EntityManager em;

    public Optional<WidgetIntegration> find(long id) {
        return Optional.ofNullable(em.find(WidgetIntegration.class, id));
    }

    public List<WidgetIntegration> activeOfWidget(String widgetId) {
        return em.createNamedQuery(WidgetIntegration.ACTIVE_OF_WIDGET, WidgetIntegration.class)
                .setParameter("widget", widgetId).getResultList();
    }
}
