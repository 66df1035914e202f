package dev.hollerith.integrations.control;

import dev.hollerith.integrations.entity.IntegrationDefinition;
import dev.hollerith.integrations.entity.WidgetIntegration;
import dev.hollerith.outbound.control.OutboundHttp;
import dev.hollerith.platform.control.Conflict;
import dev.hollerith.platform.control.UnknownResource;
import dev.hollerith.widgets.control.WidgetUses;
import dev.hollerith.widgets.control.Widgets;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Integration definitions of widgets (seed 002): created and changed by admins, read by everyone who uses the widget. */
@Stateless
public class Integrations {

    @PersistenceContext
    EntityManager em;

    @Inject
    Widgets widgets;

    @Inject
    Credentials credentials;

    @Inject
    OutboundHttp outbound;

    @Inject
    // one key for the floor: the pull engine applies the same one at run time (PullSettings)
    @ConfigProperty(name = "hollerith.pull.min-interval-seconds", defaultValue = "10")
    int minPullIntervalSeconds;

    public Optional<WidgetIntegration> find(long id) {
        return Optional.ofNullable(em.find(WidgetIntegration.class, id));
    }

    /** The integrations with these ids, read with one query (the pull engine's batches); unknown ids are absent. */
    public Map<Long, WidgetIntegration> byIds(Collection<Long> ids) {
        Map<Long, WidgetIntegration> found = new HashMap<>();
        if (!ids.isEmpty()) {
            em.createQuery("SELECT i FROM WidgetIntegration i WHERE i.id IN :ids", WidgetIntegration.class).setParameter("ids", ids)
                    .getResultList().forEach(integration -> found.put(integration.id(), integration));
        }
        return found;
    }

    /** Every integration of every widget, active or not (the pull engine's reconcile). */
    public List<WidgetIntegration> all() {
        return em.createNamedQuery(WidgetIntegration.ALL, WidgetIntegration.class).getResultList();
    }

    public WidgetIntegration get(long id) {
        return find(id).orElseThrow(() -> new UnknownResource("Integration not found"));
    }

    public List<WidgetIntegration> activeOfWidget(String widgetId) {
        return em.createNamedQuery(WidgetIntegration.ACTIVE_OF_WIDGET, WidgetIntegration.class)
                .setParameter("widget", widgetId).getResultList();
    }

    /** The active integrations that pull, of every widget (the stale-data check looks at their data). */
    public List<WidgetIntegration> activePulling() {
        return em.createNamedQuery(WidgetIntegration.ALL, WidgetIntegration.class).getResultStream()
                .filter(integration -> integration.isActive() && integration.supportsPull()).toList();
    }

    /** The shortest pull interval an integration may declare ({@code hollerith.pull.min-interval-seconds}), for the pull engine too. */
    public long minPullIntervalSeconds() {
        return Math.max(1, minPullIntervalSeconds);
    }

    /** A widget is not deleted while integrations hang on it (they would lose their configs' credentials). */
    public void countUses(@Observes WidgetUses uses) {
        uses.add("integration", em.createNamedQuery(WidgetIntegration.OF_WIDGET, WidgetIntegration.class)
                .setParameter("widget", uses.widgetId()).getResultList().size());
    }

    /** Every integration of the widget, the inactive ones too (for admins). */
    public List<WidgetIntegration> ofWidget(String widgetId) {
        widgets.get(widgetId);
        return em.createNamedQuery(WidgetIntegration.OF_WIDGET, WidgetIntegration.class)
                .setParameter("widget", widgetId).getResultList();
    }

    /** What an organization may use of the widget: its active integrations (seed 002 "List Widget Integrations"). */
    public List<WidgetIntegration> usableOfWidget(String widgetId) {
        widgets.get(widgetId);
        return activeOfWidget(widgetId);
    }

    public WidgetIntegration create(String widgetId, JsonObject body) {
        widgets.get(widgetId);
        IntegrationDefinition definition = definitions().create(widgetId, body);
        requireUniqueName(definition, null);
        WidgetIntegration integration = new WidgetIntegration(definition);
        em.persist(integration);
        flushOrConflict(definition);
        return integration;
    }

    public WidgetIntegration update(long id, JsonObject patch) {
        WidgetIntegration integration = get(id);
        IntegrationDefinition definition = definitions().patch(integration, patch);
        requireUniqueName(definition, integration.id());
        if (definition.credentialScope() != integration.credentialScope()) {
            // credentials of the former scope could never be resolved again: keep no sealed leftovers
            credentials.deleteOfIntegration(integration.id());
        }
        integration.redefine(definition);
        flushOrConflict(definition);
        return integration;
    }

    /** Deletes the definition and every credential stored for it. */
    public void delete(long id) {
        WidgetIntegration integration = get(id);
        credentials.deleteOfIntegration(integration.id());
        em.remove(integration);
    }

    private IntegrationDefinitions definitions() {
        return new IntegrationDefinitions(minPullIntervalSeconds, outbound::checkDestination);
    }

    private void flushOrConflict(IntegrationDefinition definition) {
        try {
            em.flush();
        } catch (PersistenceException concurrentSameName) {
            throw new Conflict("The widget " + definition.widgetId() + " has an integration named " + definition.name() + " already");
        }
    }

    private void requireUniqueName(IntegrationDefinition definition, Long self) {
        boolean taken = em.createNamedQuery(WidgetIntegration.BY_NAME, WidgetIntegration.class)
                .setParameter("widget", definition.widgetId()).setParameter("name", definition.name())
                .getResultStream().anyMatch(other -> !Objects.equals(other.id(), self));
        if (taken) {
            throw new Conflict("The widget " + definition.widgetId() + " has an integration named " + definition.name() + " already");
        }
    }
}
