package dev.hollerith.widgets.boundary;

import dev.hollerith.widgets.entity.WidgetConfig;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** A widget config as the API shows it; {@code options} with the schema defaults applied. */
public record WidgetConfigView(String id, String organizationId, String widgetId, String name, JsonObject options,
                               Instant createdAt, Instant updatedAt) {

    static WidgetConfigView of(WidgetConfig c) {
        return new WidgetConfigView(c.id(), c.organizationId(), c.widgetId(), c.name(), c.options(),
                c.createdAt().truncatedTo(ChronoUnit.SECONDS), c.updatedAt().truncatedTo(ChronoUnit.SECONDS));
    }
}
