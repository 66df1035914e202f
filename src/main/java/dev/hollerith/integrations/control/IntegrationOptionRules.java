package dev.hollerith.integrations.control;

import dev.hollerith.integrations.entity.WidgetIntegration;
import dev.hollerith.platform.control.FieldErrors;
import dev.hollerith.widgets.control.WidgetOptionRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** A widget config's options checked against the config_schema of every active integration of its widget (a field may serve several). */
@ApplicationScoped
public class IntegrationOptionRules implements WidgetOptionRules {

    @Inject
    Integrations integrations;

    @Override
    public JsonObject apply(String widgetId, JsonObject options, FieldErrors errors) {
        JsonObject result = options == null ? JsonValue.EMPTY_JSON_OBJECT : options;
        for (WidgetIntegration integration : integrations.activeOfWidget(widgetId)) {
            result = FieldSchema.of(integration.configSchema()).apply(result, "options", errors, false);
        }
        return result;
    }
}
