package dev.hollerith.widgets.control;

import dev.hollerith.platform.control.FieldErrors;
import dev.hollerith.platform.control.UnknownResource;
import dev.hollerith.platform.control.UtcInstantConverter;
import dev.hollerith.security.control.Caller;
import dev.hollerith.tenancy.control.Organizations;
import dev.hollerith.widgets.entity.WidgetConfig;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Widget configs of organizations: one organization's instance of a widget with validated options. */
@Stateless
public class WidgetConfigs {

    private static final UtcInstantConverter UTC = new UtcInstantConverter();

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

    /**
     * The configs with these ids, for batch readers (the pull engine); unknown ids are absent. One
     * query per 500 ids rather than one per config.
     */
    public Map<String, WidgetConfig> byIds(Collection<String> ids) {
        Map<String, WidgetConfig> found = new HashMap<>();
        for (List<String> chunk : chunks(ids)) {
            em.createQuery("SELECT c FROM WidgetConfig c WHERE c.id IN :ids", WidgetConfig.class).setParameter("ids", chunk)
                    .getResultList().forEach(config -> found.put(config.id(), config));
        }
        return found;
    }

    /**
     * The stored versions of these configs, without reading (and parsing) their options; unknown ids
     * are absent. {@code id = ANY(array)} rather than {@code IN (…)}: H2 checked an IN list against
     * every row of the table (a quarter of the pull engine's CPU in a burst), an array parameter it
     * looks up in the key; PostgreSQL does either by the key.
     */
    public Map<String, Instant> versions(Collection<String> ids) {
        Map<String, Instant> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        Connection connection = em.unwrap(Connection.class);
        try (PreparedStatement select = connection.prepareStatement("SELECT id, updated_at FROM widget_config WHERE id = ANY(?)")) {
            select.setArray(1, connection.createArrayOf("VARCHAR", ids.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.put(rows.getString(1), UTC.convertToEntityAttribute(rows.getObject(2, LocalDateTime.class)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the versions of " + ids.size() + " widget configs failed: " + e.getMessage(), e);
        }
        return found;
    }

    /** The versions of every config of a widget, of all organizations, without their options (the pull engine's reconcile). */
    public List<ConfigVersion> versionsOfWidget(String widgetId) {
        List<ConfigVersion> versions = new ArrayList<>();
        for (Object[] row : em.createQuery("SELECT c.id, c.organizationId, c.updatedAt FROM WidgetConfig c WHERE c.widgetId = :widget "
                + "ORDER BY c.createdAt, c.id", Object[].class).setParameter("widget", widgetId).getResultList()) {
            versions.add(new ConfigVersion((String) row[0], (String) row[1], (Instant) row[2]));
        }
        return versions;
    }

    private static List<List<String>> chunks(Collection<String> ids) {
        List<String> all = List.copyOf(ids);
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += 500) {
            chunks.add(all.subList(from, Math.min(all.size(), from + 500)));
        }
        return chunks;
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
