package dev.hollerith.widgetdata.control;

import dev.hollerith.history.entity.DataSource;
import jakarta.json.JsonValue;
import java.util.Objects;

/**
 * One write of widget data through {@link WidgetDataStore#publish}: which key, for which organization,
 * what, where it came from and, for pulls, the upstream's validators (kept for the next conditional
 * request). Named parts instead of six positional arguments, four of them ids or strings that a
 * caller could swap without the compiler noticing.
 */
public record Publication(DataKey key, String organizationId, JsonValue data, DataSource source, String etag, String lastModified) {

    public Publication {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(source, "source");
    }

    /** Data without upstream validators: a rollback, a release, a webhook. */
    public static Publication of(DataKey key, String organizationId, JsonValue data, DataSource source) {
        return new Publication(key, organizationId, data, source, null, null);
    }

    /** The same publication with the validators of the upstream answer it came from. */
    public Publication withValidators(String etag, String lastModified) {
        return new Publication(key, organizationId, data, source, etag, lastModified);
    }
}
