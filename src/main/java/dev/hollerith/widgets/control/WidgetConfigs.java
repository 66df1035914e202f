package dev.hollerith.widgets.control;

import dev.hollerith.platform.control.UnknownResource;
import dev.hollerith.security.control.Caller;
import dev.hollerith.widgets.entity.WidgetConfig;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

/** Widget configs of organizations: one organization's instance of a widget with validated options. */
@Stateless
public class WidgetConfigs {

    @PersistenceContext
    EntityManager em;

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

    private static UnknownResource notFound() {
        return new UnknownResource("Widget config not found");
    }
}
