package dev.hollerith.widgetdata.control;

import dev.hollerith.widgetdata.entity.DataSource;
import jakarta.json.JsonValue;
import java.util.Objects;

/**
 * One write of widget data through {@link WidgetDataStore}: which key, for which organization, what
 * (as stored text, with its content hash), where it came from, for pulls the upstream's validators
 * (kept for the next conditional request) and for webhooks the delivery that brought it. Named parts
 * instead of positional arguments, most of them ids or strings that a caller could swap without the
 * compiler noticing.
 */
public record Publication(DataKey key, String organizationId, String json, String contentHash, DataSource source, String etag,
                          String lastModified, Long deliveryId) {

    public Publication {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(contentHash, "contentHash");
        Objects.requireNonNull(source, "source");
    }

    /** Data without upstream validators: a pull answer (then {@link #withValidators}), a rollback, a release. */
    public static Publication of(DataKey key, String organizationId, JsonValue data, DataSource source) {
        Objects.requireNonNull(data, "data");
        return new Publication(key, organizationId, data.toString(), ContentHash.of(data), source, null, null, null);
    }

    /** A webhook delivery's data, serialised and hashed on the request's thread, not the writer's. */
    public static Publication delivered(DataKey key, String organizationId, String json, String contentHash, long deliveryId) {
        return new Publication(key, organizationId, json, contentHash, DataSource.WEBHOOK, null, null, deliveryId);
    }

    /** The same publication with the validators of the upstream answer it came from. */
    public Publication withValidators(String etag, String lastModified) {
        return new Publication(key, organizationId, json, contentHash, source, etag, lastModified, deliveryId);
    }

    /** Pulled and pushed data must match its integration's data_schema; an operator's rollback or release is served as it is. */
    boolean isChecked() {
        return source == DataSource.PULL || source == DataSource.WEBHOOK;
    }
}
