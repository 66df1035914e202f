package dev.hollerith.widgets.control;

import dev.hollerith.platform.control.Conflict;
import dev.hollerith.platform.control.FieldErrors;
import dev.hollerith.platform.control.UnknownResource;
import dev.hollerith.widgets.entity.Widget;
import dev.hollerith.widgets.entity.WidgetConfig;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The catalogue of widgets: installation-wide, created by admins, listed by everyone who configures them. */
@Stateless
public class Widgets {

    /** Slugs as seed 002 uses them ({@code weather-widget}): safe in paths and readable in URLs. */
    static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?");

    @PersistenceContext
    EntityManager em;

    @Inject
    Event<WidgetUses> uses;

    public Widget create(String id, String name, String description, JsonObject dataSchema) {
        FieldErrors errors = new FieldErrors().text("name", name, 200);
        if (id == null || !SLUG.matcher(id).matches()) {
            errors.add("id", "must be a slug: lower-case letters, digits and inner hyphens, at most 64 characters (e.g. weather-widget)");
        }
        if (description != null && description.length() > 2000) {
            errors.add("description", "must be at most 2000 characters");
        }
        errors.throwIfAny();
        if (em.find(Widget.class, id) != null) {
            throw new Conflict("A widget with the id " + id + " exists already");
        }
        Widget widget = new Widget(id, name.trim(), description, dataSchema);
        em.persist(widget);
        try {
            em.flush();
        } catch (PersistenceException createdMeanwhile) {
            throw new Conflict("A widget with the id " + id + " exists already");
        }
        return widget;
    }

    public Optional<Widget> find(String id) {
        return Optional.ofNullable(id == null ? null : em.find(Widget.class, id));
    }

    public Widget get(String id) {
        return find(id).orElseThrow(() -> new UnknownResource("Widget not found"));
    }

    /** Changes what is given (name, description, data_schema); the id is the widget's address and stays. */
    public Widget update(String id, String name, String description, JsonObject dataSchema) {
        Widget widget = get(id);
        FieldErrors errors = new FieldErrors();
        if (name != null) {
            errors.text("name", name, 200);
        }
        if (description != null && description.length() > 2000) {
            errors.add("description", "must be at most 2000 characters");
        }
        errors.throwIfAny();
        widget.describe(name == null ? widget.name() : name.trim(),
                description == null ? widget.description() : description,
                dataSchema == null ? widget.dataSchema() : dataSchema);
        return widget;
    }

    /**
     * A widget that integrations or widget configs still use is not deleted (409 naming them): deleting
     * it would silently take organizations' configs and their credentials with it.
     */
    public void delete(String id) {
        Widget widget = get(id);
        WidgetUses used = new WidgetUses(id);
        uses.fire(used);
        used.add("widget config", em.createNamedQuery(WidgetConfig.OF_WIDGET, WidgetConfig.class)
                .setParameter("widget", id).getResultList().size());
        if (used.any()) {
            throw new Conflict("The widget " + id + " is still used by " + used.describe() + ": delete those first");
        }
        em.remove(widget);
    }

    public List<Widget> list(int offset, int limit) {
        return em.createNamedQuery(Widget.ALL, Widget.class).setFirstResult(offset).setMaxResults(limit).getResultList();
    }
}
