package dev.hollerith.widgetdata.control;

import dev.hollerith.integrations.entity.WidgetIntegration;
import dev.hollerith.widgets.entity.WidgetConfig;

/**
 * A widget config was bound to its data (first read, or the binding cache expired). The pull engine
 * observes it to make sure the data is being fetched: a config read before its job exists gets one,
 * and a first fetch at once.
 */
public record DataBound(WidgetIntegration integration, WidgetConfig config) {
}
