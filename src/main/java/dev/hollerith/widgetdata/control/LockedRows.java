package dev.hollerith.widgetdata.control;

import dev.hollerith.widgetdata.entity.IntegrationData;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rows of a batch's keys, locked for the caller's transaction by {@link WidgetDataStore#lockAll}
 * and read outside the persistence context: {@link WidgetDataStore#writeAll} changes them in memory
 * and stores them with one JDBC batch.
 */
public final class LockedRows {

    private final Map<DataKey, IntegrationData> rows = new LinkedHashMap<>();

    void add(IntegrationData row) {
        rows.put(new DataKey(row.integrationId(), row.discriminator()), row);
    }

    boolean holds(DataKey key) {
        return rows.containsKey(key);
    }

    IntegrationData row(DataKey key) {
        IntegrationData row = rows.get(key);
        if (row == null) {
            throw new IllegalStateException("integration data row not locked: " + key.text());
        }
        return row;
    }

    Collection<IntegrationData> all() {
        return rows.values();
    }
}
