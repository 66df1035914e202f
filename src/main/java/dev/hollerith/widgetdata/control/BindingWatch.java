package dev.hollerith.widgetdata.control;

import dev.hollerith.integrations.entity.WidgetIntegration;
import dev.hollerith.widgets.entity.WidgetConfig;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;

/**
 * A default entity listener (META-INF/orm.xml): whatever changes a widget config or an integration
 * definition, the near caches of the read path forget the bindings that may now be wrong, on every
 * instance. Listening on the entities rather than in each service means a new way to change them
 * cannot forget to do it.
 */
public class BindingWatch {

    @PostPersist
    @PostUpdate
    @PostRemove
    void changed(Object entity) {
        if (entity instanceof WidgetConfig config) {
            versions().forgetBinding(config.id());
        } else if (entity instanceof WidgetIntegration) {
            // which integration a config reads, and its discriminator, depend on every active integration of the widget
            versions().forgetAllBindings();
        }
    }

    private static DataVersions versions() {
        return CDI.current().select(DataVersions.class).get();
    }
}
