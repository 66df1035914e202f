package dev.hollerith.platform.boundary;

import dev.hollerith.platform.control.FieldErrors;
import dev.hollerith.platform.control.InvalidRequest;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Bodies read as raw JSON, so that every member can be checked with a field message of its own;
 * taken as any JSON value, as an array sent where an object belongs must be a 400, not a failed
 * method call.
 */
public final class JsonBodies {

    private JsonBodies() {
    }

    public static JsonObject object(JsonValue body) {
        if (FieldErrors.requireBody(body) instanceof JsonObject object) {
            return object;
        }
        throw new InvalidRequest("The request body must be a JSON object");
    }
}
