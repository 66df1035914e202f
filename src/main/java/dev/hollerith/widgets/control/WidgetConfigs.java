package dev.hollerith.widgets.control;

import dev.hollerith.platform.control.FieldErrors;
import dev.hollerith.platform.control.UnknownResource;
import dev.hollerith.security.control.Caller;
import dev.hollerith.tenancy.control.Organizations;
import dev.hollerith.widgets.entity.WidgetConfig;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/** Widget configs of organizations: one organization's instance of a widget with validated options. */
@Stateless
public class WidgetConfigs {

    @PersistenceContext
    EntityManager em;

    @Inject
    Organizations organizations;

    @Inject
    Widgets widgets;

    @Inject
    WidgetOptionRules optionRules;

    @Inject
    Event<WidgetConfigRemoved> removed;

    public Optional<WidgetConfig> find(String id) {
        return Optional.ofNullable(id == null ? null : em.find(WidgetConfig.class, id));
    }

    /** The config, if the caller may see it; another tenant's config is reported as unknown (404). */
    public WidgetConfig get(String id, Caller caller) {
        WidgetConfig config = find(id).orElseThrow(WidgetConfigs::notFound);
        if (!caller.canAccess(config.organizationId())) {
            throw notFound();
        }
        return config;
    }

    public WidgetConfig create(String organizationId, String widgetId, String name, JsonObject options, Caller caller) {
        organizations.get(organizationId, caller);
        FieldErrors errors = new FieldErrors().text("name", name, 200);
        if (widgetId == null || widgetId.isBlank()) {
            errors.add("widget_id", "is required");
        } else if (widgets.find(widgetId).isEmpty()) {
            errors.add("widget_id", "names no widget");
        }
        JsonObject validated = widgetId == null ? options : optionRules.apply(widgetId, options, errors);
        errors.throwIfAny();
        WidgetConfig config = new WidgetConfig(organizationId, widgetId, name.trim(), validated);
        em.persist(config);
        return config;
    }

    public List<WidgetConfig> ofOrganization(String organizationId, String widgetId, Caller caller, int offset, int limit) {
        organizations.get(organizationId, caller);
        var query = widgetId == null
                ? em.createNamedQuery(WidgetConfig.OF_ORGANIZATION, WidgetConfig.class)
                : em.createNamedQuery(WidgetConfig.OF_ORGANIZATION_AND_WIDGET, WidgetConfig.class).setParameter("widget", widgetId);
        return query.setParameter("organization", organizationId).setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    /** Renames and/or replaces the options (a new options object is validated whole, defaults applied). */
    public WidgetConfig update(String id, String name, JsonObject options, Caller caller) {
        WidgetConfig config = get(id, caller);
        FieldErrors errors = new FieldErrors();
        if (name != null) {
            errors.text("name", name, 200);
        }
        JsonObject validated = options == null ? null : optionRules.apply(config.widgetId(), options, errors);
        errors.throwIfAny();
        if (name != null) {
            config.rename(name.trim());
        }
        if (validated != null) {
            config.reconfigure(validated);
        }
        return config;
    }

    /** Deletes the config; what belongs to it alone (widget-scoped credentials) goes with it in the same transaction. */
    public void delete(String id, Caller caller) {
        WidgetConfig config = get(id, caller);
        removed.fire(new WidgetConfigRemoved(config.id()));
        em.remove(config);
    }

    private static UnknownResource notFound() {
        return new UnknownResource("Widget config not found");
    }
}
