package dev.hollerith.widgets.control;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Fired before a widget is deleted, to learn what still uses it: components that keep rows of their
 * own for a widget (its integrations) add how many, without the widgets component knowing them.
 */
public final class WidgetUses {

    private final String widgetId;
    private final Map<String, Long> counts = new LinkedHashMap<>();

    WidgetUses(String widgetId) {
        this.widgetId = widgetId;
    }

    public String widgetId() {
        return widgetId;
    }

    /** {@code what} in the singular ("integration"); zero counts too, so the refusal always names every kind. */
    public void add(String what, long count) {
        counts.merge(what, count, Long::sum);
    }

    boolean any() {
        return counts.values().stream().anyMatch(count -> count > 0);
    }

    /** "2 integrations and 1 widget config". */
    String describe() {
        return counts.entrySet().stream().map(use -> use.getValue() + " " + use.getKey() + (use.getValue() == 1 ? "" : "s"))
                .collect(Collectors.joining(" and "));
    }
}
