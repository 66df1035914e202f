package dev.hollerith.pull.control;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.util.Optional;

/** Turns an upstream's successful answer into the widget data to store (format, data_path, max_items). */
public final class UpstreamAnswer {

    static final int DEFAULT_MAX_ITEMS = 10;
    static final int MAX_ITEMS = 50;

    private UpstreamAnswer() {
    }

    /** @throws IllegalArgumentException with a message safe to show when the answer is not what the integration declares */
    public static JsonValue data(byte[] body, PullOptions pull, JsonObject options) {
        if (pull.feed()) {
            return FeedDocument.parse(body, maxItems(options));
        }
        JsonValue parsed;
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body))) {
            parsed = reader.readValue();
        } catch (JsonException e) {
            throw new IllegalArgumentException("The upstream answer is not JSON");
        }
        return select(parsed, pull.dataPath());
    }

    /** The part of a document named by a JSON Pointer (RFC 6901); the whole document without one. */
    public static JsonValue select(JsonValue document, Optional<String> dataPath) {
        if (dataPath.isEmpty()) {
            return document;
        }
        if (!(document instanceof JsonStructure structure)) {
            throw new IllegalArgumentException("data_path " + dataPath.get() + " needs a JSON object or array");
        }
        try {
            return Json.createPointer(dataPath.get()).getValue(structure);
        } catch (JsonException notThere) {
            throw new IllegalArgumentException("data_path " + dataPath.get() + " is not in the upstream answer");
        }
    }

    static int maxItems(JsonObject options) {
        JsonValue value = options.get("max_items");
        int items = DEFAULT_MAX_ITEMS;
        if (value instanceof JsonNumber number) {
            items = number.intValue();
        } else if (value instanceof JsonString string) {
            try {
                items = Integer.parseInt(string.getString().trim());
            } catch (NumberFormatException ignored) {
                // keep the default
            }
        }
        return Math.max(1, Math.min(MAX_ITEMS, items));
    }
}
