package dev.hollerith.widgets.control;

/**
 * Fired inside the transaction that removes a widget config, before the row goes: components that
 * keep rows of their own for it (widget-scoped credentials) remove them in the same transaction,
 * without the widgets component knowing them.
 */
public record WidgetConfigRemoved(String widgetConfigId) {
}
