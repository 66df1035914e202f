package dev.hollerith.clients.control;

import jakarta.json.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The request body of seed 001, exactly: {@code client_id}, {@code client_name},
 * {@code disabled}, {@code ha_token}, {@code timestamp}. Holds the token in plain text only for
 * the moment of sending; {@link #toString()} never shows it.
 */
public record WidgetNotice(String clientId, String clientName, boolean disabled, String haToken, Instant timestamp) {

    /** Seed 001's {@code 2024-01-15T10:30:00.123456}: UTC, microseconds, no zone designator. */
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    public String toJson() {
        return Json.createObjectBuilder()
                .add("client_id", clientId)
                .add("client_name", clientName)
                .add("disabled", disabled)
                // the seed types ha_token as a string: a client without a token sends an empty one
                .add("ha_token", haToken == null ? "" : haToken)
                .add("timestamp", TIMESTAMP.format(timestamp))
                .build().toString();
    }

    /** Removes the token from a text that came back from the widget (an echo must not reach logs or answers). */
    public String scrub(String text) {
        if (text == null || haToken == null || haToken.isEmpty()) {
            return text;
        }
        return text.replace(haToken, "[ha_token]");
    }

    @Override
    public String toString() {
        return "WidgetNotice[clientId=" + clientId + ", disabled=" + disabled + ", timestamp=" + TIMESTAMP.format(timestamp) + "]";
    }
}
