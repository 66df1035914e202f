package dev.hollerith.platform.control;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects validation messages per field, then fails once with all of them (422). Request records
 * validate themselves with it rather than with Bean Validation annotations, which Payara's
 * OpenAPI generator cannot read on record components.
 */
public final class FieldErrors {

    /** A missing body is a bad request (400), not a validation failure of some field. */
    public static <T> T requireBody(T body) {
        if (body == null) {
            throw new InvalidRequest("A JSON request body is required");
        }
        return body;
    }

    /** A required, non-blank string of at most {@code maxLength} characters. */
    public FieldErrors text(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            add(field, "is required");
        } else if (value.length() > maxLength) {
            add(field, "must be at most " + maxLength + " characters");
        }
        return this;
    }

    private final Map<String, List<String>> errors = new LinkedHashMap<>();

    public FieldErrors add(String field, String message) {
        errors.computeIfAbsent(field, f -> new ArrayList<>()).add(message);
        return this;
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public Map<String, List<String>> asMap() {
        return errors;
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
    }
}
