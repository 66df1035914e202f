package dev.hollerith.platform.control;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** 422 with per-field messages: {@code {"error":"Validation failed","errors":{"field":["..."]}}}. */
public class ValidationFailed extends HollerithException {

    private final Map<String, List<String>> errors;

    public ValidationFailed(Map<String, List<String>> errors) {
        super(422, "Validation failed");
        this.errors = Map.copyOf(new LinkedHashMap<>(errors));
    }

    /** A 422 whose summary says more than "Validation failed" (e.g. data that fails an integration's data_schema). */
    protected ValidationFailed(String message, Map<String, List<String>> errors) {
        super(422, message);
        this.errors = Map.copyOf(new LinkedHashMap<>(errors));
    }

    public static ValidationFailed of(String field, String message) {
        return new ValidationFailed(Map.of(field, List.of(message)));
    }

    public Map<String, List<String>> errors() {
        return errors;
    }
}
