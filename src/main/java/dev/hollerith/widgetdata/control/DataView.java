package dev.hollerith.widgetdata.control;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** What players read (seed 002 "Get Widget Data"): data, version, fetched_at, status, error_message on errors, pinned when pinned. */
public record DataView(JsonValue data, long version, Instant fetchedAt, String status, String errorMessage, boolean pinned) {

    public DataView(JsonValue data, long version, Instant fetchedAt, String status, String errorMessage) {
        this(data, version, fetchedAt, status, errorMessage, false);
    }

    public JsonObject toJson() {
        JsonObjectBuilder json = Json.createObjectBuilder()
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
