package dev.hollerith.widgetdata.control;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** What players read (seed 002 "Get Widget Data"): data, version, fetched_at, status, error_message on errors, pinned when pinned. */
public record DataView(JsonValue data, long version, Instant fetchedAt, String status, String errorMessage, boolean pinned) {

    public DataView(JsonValue data, long version, Instant fetchedAt, String status, String errorMessage) {
        this(data, version, fetchedAt, status, errorMessage, false);
    }

    /** Looked up once: {@code Json.create…} searches the class path for a provider on every call. */
    static final JsonProvider JSON = JsonProvider.provider();

    public JsonObject toJson() {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("data", data)
                .add("version", version);
        if (fetchedAt != null) {
            json.add("fetched_at", fetchedAt.truncatedTo(ChronoUnit.SECONDS).toString());
        } else {
            json.addNull("fetched_at");
        }
        json.add("status", status);
        if (errorMessage != null) {
            json.add("error_message", errorMessage);
        }
        if (pinned) {
            // issue 17: an operator holds players on this version until it is unpinned
            json.add("pinned", true);
        }
        return json.build();
    }
}
