package dev.hollerith.widgetdata.control;

import dev.hollerith.integrations.control.DataSchema;
import dev.hollerith.integrations.control.Integrations;
import dev.hollerith.integrations.entity.WidgetIntegration;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The compiled data_schema of each integration, in memory: ingest checks every new payload, and must
 * neither read the integration again nor recompile its schema per delivery. An entry lives
 * {@code hollerith.data-schema.cache-seconds} (default 10), so a changed data_schema applies on every
 * instance within that time.
 */
@ApplicationScoped
public class DataSchemas {

    private record Entry(Optional<DataSchema> schema, long loadedAt) {
    }

    @EJB
    Integrations integrations;

    @Inject
    @ConfigProperty(name = "hollerith.data-schema.cache-seconds", defaultValue = "10")
    long cacheSeconds;

    private final Map<Long, Entry> schemas = new ConcurrentHashMap<>();

    /** Why {@code json} fails the integration's data_schema; empty when it matches or there is none. */
    public List<String> problems(long integrationId, String json) {
        long now = System.currentTimeMillis();
        Entry entry = schemas.get(integrationId);
        if (entry == null || now - entry.loadedAt() > cacheSeconds * 1000) {
            entry = new Entry(integrations.find(integrationId).map(WidgetIntegration::dataSchema).flatMap(DataSchema::ofDeclared), now);
            schemas.put(integrationId, entry);
        }
        return entry.schema().map(schema -> schema.problems(json)).orElse(List.of());
    }
}
