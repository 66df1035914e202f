package dev.hollerith.clients.control;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;

/** Seed 001's answer {@code {"success": bool, "message"|"error": "..."}}, read leniently: widgets are not ours. */
record WidgetAnswer(Boolean success, String message, String error) {

    static final int MAX_TEXT = 1000;

    static WidgetAnswer parse(String body) {
        if (body == null || body.isBlank()) {
            return new WidgetAnswer(null, null, null);
        }
        try (var reader = Json.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            if (value instanceof JsonObject object) {
                JsonValue success = object.get("success");
                return new WidgetAnswer(
                        success == JsonValue.TRUE ? Boolean.TRUE : success == JsonValue.FALSE ? Boolean.FALSE : null,
                        text(object.get("message")), text(object.get("error")));
            }
        } catch (JsonException | IllegalStateException notJson) {
            // an HTML error page or plain text: the status code says enough
        }
        return new WidgetAnswer(null, null, null);
    }

    private static String text(JsonValue value) {
        if (!(value instanceof JsonString string)) {
            return null;
        }
        String text = string.getString();
        return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT - 1) + "…" : text;
    }
}
