package dev.hollerith.widgets.control;

import dev.hollerith.platform.control.FieldErrors;
import jakarta.json.JsonObject;

/**
 * What a widget config's options must satisfy: the config_schema of every active integration of the
 * widget (the integrations component answers, since integrations belong to widgets and not the other
 * way round). Options no schema declares are kept: a widget may have presentation options of its own.
 */
public interface WidgetOptionRules {

    /** The options with the schemas' defaults applied; each problem goes to {@code errors} under "options". */
    JsonObject apply(String widgetId, JsonObject options, FieldErrors errors);
}
