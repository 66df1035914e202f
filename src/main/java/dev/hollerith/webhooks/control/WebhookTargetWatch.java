package dev.hollerith.webhooks.control;

import dev.hollerith.integrations.entity.Credential;
import dev.hollerith.integrations.entity.WidgetIntegration;
import dev.hollerith.tenancy.entity.Organization;
import dev.hollerith.widgets.entity.WidgetConfig;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;

/**
 * A default entity listener (META-INF/orm.xml): whatever changes an integration, a widget config, a
 * credential or an organization, the cached webhook targets are forgotten everywhere. Listening on the
 * entities rather than in each service means a new way to change them cannot forget to do it.
 */
public class WebhookTargetWatch {

    @PostPersist
    @PostUpdate
    @PostRemove
    void changed(Object entity) {
        if (entity instanceof WidgetIntegration || entity instanceof WidgetConfig || entity instanceof Credential
                || entity instanceof Organization) {
            CDI.current().select(WebhookTargets.class).get().changed();
        }
    }
}
