package dev.hollerith.integrations.control;

import dev.hollerith.platform.control.FieldErrors;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * A credential_schema or config_schema of seed 002: named fields, each with a {@code type}
 * (string, number, integer, boolean) and optional {@code required}, {@code enum}, {@code pattern},
 * {@code min}/{@code max} (the value of numbers, the length of strings), {@code default},
 * {@code sensitive}, {@code label}, {@code help}. Other keys are kept and ignored, so that
 * presentation hints of a console do not break a definition.
 */
public final class FieldSchema {

    public enum Type {
        STRING, NUMBER, INTEGER, BOOLEAN;

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Optional<Type> parse(String name) {
            for (Type type : values()) {
                if (type.wireName().equals(name)) {
                    return Optional.of(type);
                }
            }
            return Optional.empty();
        }
    }

    /** Seed 002: fields whose names contain these are sensitive even when not marked so. */
    private static final List<String> SENSITIVE_NAME_PARTS = List.of("password", "secret", "key", "token");
    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]{0,99}");

    public record Field(String name, Type type, boolean required, boolean markedSensitive, List<JsonValue> allowed,
                        Pattern pattern, BigDecimal min, BigDecimal max, JsonValue defaultValue) {

        /** Not marked sensitive and no password/secret/key/token in its name: may be shown back. */
        public boolean isSensitive() {
            return markedSensitive || nameLooksSensitive(name);
        }
    }

    private final Map<String, Field> fields;

    private FieldSchema(Map<String, Field> fields) {
        this.fields = Collections.unmodifiableMap(fields);
    }

    public static FieldSchema empty() {
        return new FieldSchema(Map.of());
    }

    /**
     * Reads a schema as declared by an admin; every problem is added to {@code errors} under
     * {@code prefix.field}. The result holds the fields that were readable.
     */
    public static FieldSchema parse(JsonObject schema, String prefix, FieldErrors errors) {
        Map<String, Field> fields = new LinkedHashMap<>();
        if (schema == null) {
            return new FieldSchema(fields);
        }
        schema.forEach((name, declaration) -> {
            String where = prefix + "." + name;
            if (!FIELD_NAME.matcher(name).matches()) {
                errors.add(where, "field names use letters, digits, _ and - (at most 100 characters)");
            } else if (!(declaration instanceof JsonObject rules)) {
                errors.add(where, "must be an object such as {\"type\": \"string\"}");
            } else {
                parseField(name, rules, where, errors).ifPresent(field -> fields.put(name, field));
            }
        });
        return new FieldSchema(fields);
    }

    /** A schema that was validated when it was stored. */
    public static FieldSchema of(JsonObject storedSchema) {
        FieldErrors errors = new FieldErrors();
        FieldSchema schema = parse(storedSchema, "schema", errors);
        if (!errors.isEmpty()) {
            throw new IllegalStateException("A stored schema is malformed: " + errors.asMap());
        }
        return schema;
    }

    private static Optional<Field> parseField(String name, JsonObject rules, String where, FieldErrors errors) {
        int before = errors.asMap().size();
        Type type = null;
        JsonValue typeValue = rules.get("type");
        if (typeValue == null) {
            errors.add(where + ".type", "is required (string, number, integer or boolean)");
        } else if (!(typeValue instanceof JsonString typeName) || Type.parse(typeName.getString()).isEmpty()) {
            errors.add(where + ".type", "must be one of string, number, integer, boolean");
        } else {
            type = Type.parse(typeName.getString()).get();
        }
        boolean required = flag(rules, "required", where, errors);
        boolean sensitive = flag(rules, "sensitive", where, errors);
        for (String text : List.of("label", "help")) {
            if (rules.containsKey(text) && !(rules.get(text) instanceof JsonString)) {
                errors.add(where + "." + text, "must be a string");
            }
        }
        Pattern pattern = null;
        if (rules.containsKey("pattern")) {
            if (!(rules.get("pattern") instanceof JsonString regex)) {
                errors.add(where + ".pattern", "must be a string holding a regular expression");
            } else if (type != null && type != Type.STRING) {
                errors.add(where + ".pattern", "applies to strings only");
            } else {
                try {
                    pattern = Pattern.compile(regex.getString());
                } catch (PatternSyntaxException e) {
                    errors.add(where + ".pattern", "is not a valid regular expression: " + e.getDescription());
                }
            }
        }
        BigDecimal min = bound(rules, "min", type, where, errors);
        BigDecimal max = bound(rules, "max", type, where, errors);
        if (min != null && max != null && min.compareTo(max) > 0) {
            errors.add(where + ".min", "must not be greater than max");
        }
        List<JsonValue> allowed = null;
        if (rules.containsKey("enum")) {
            if (!(rules.get("enum") instanceof JsonArray values) || values.isEmpty()) {
                errors.add(where + ".enum", "must be a non-empty array of allowed values");
            } else {
                allowed = List.copyOf(values);
                if (type != null) {
                    for (JsonValue value : values) {
                        typeProblem(type, value).ifPresent(problem -> errors.add(where + ".enum", "holds a value that " + problem));
                    }
                }
            }
        }
        if (errors.asMap().size() != before) {
            return Optional.empty();
        }
        Field field = new Field(name, type, required, sensitive, allowed, pattern, min, max, rules.get("default"));
        if (field.defaultValue() != null && field.defaultValue().getValueType() != JsonValue.ValueType.NULL) {
            problem(field, field.defaultValue()).ifPresent(problem -> errors.add(where + ".default", "is a value that " + problem));
        }
        return Optional.of(field);
    }

    private static boolean flag(JsonObject rules, String key, String where, FieldErrors errors) {
        JsonValue value = rules.get(key);
        if (value == null || value == JsonValue.FALSE) {
            return false;
        }
        if (value == JsonValue.TRUE) {
            return true;
        }
        errors.add(where + "." + key, "must be true or false");
        return false;
    }

    private static BigDecimal bound(JsonObject rules, String key, Type type, String where, FieldErrors errors) {
        if (!rules.containsKey(key)) {
            return null;
        }
        if (!(rules.get(key) instanceof JsonNumber number)) {
            errors.add(where + "." + key, "must be a number");
            return null;
        }
        if (type == Type.BOOLEAN) {
            errors.add(where + "." + key, "does not apply to booleans");
            return null;
        }
        if (type == Type.STRING && (!number.isIntegral() || number.bigDecimalValue().signum() < 0)) {
            errors.add(where + "." + key, "must be a length (a whole number, not negative) for strings");
            return null;
        }
        return number.bigDecimalValue();
    }

    /**
     * Checks {@code values} against this schema and returns them with defaults applied. Problems go
     * to {@code errors} under {@code prefix.field}. Unknown fields are kept, or reported when
     * {@code rejectUnknown} (credentials: a typo must not silently store nothing useful).
     */
    public JsonObject apply(JsonObject values, String prefix, FieldErrors errors, boolean rejectUnknown) {
        JsonObject given = values == null ? JsonValue.EMPTY_JSON_OBJECT : values;
        JsonObjectBuilder result = Json.createObjectBuilder();
        given.forEach((name, value) -> {
            if (!fields.containsKey(name)) {
                if (rejectUnknown) {
                    errors.add(prefix + "." + name, "is not a field of the schema (known: " + String.join(", ", fields.keySet()) + ")");
                } else {
                    result.add(name, value);
                }
            }
        });
        for (Field field : fields.values()) {
            JsonValue value = given.get(field.name());
            if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
                value = field.defaultValue() == null || field.defaultValue().getValueType() == JsonValue.ValueType.NULL ? null : field.defaultValue();
            }
            if (value == null) {
                if (field.required()) {
                    errors.add(prefix + "." + field.name(), "is required");
                }
                continue;
            }
            Optional<String> problem = problem(field, value);
            if (problem.isPresent()) {
                errors.add(prefix + "." + field.name(), problem.get());
            } else {
                result.add(field.name(), value);
            }
        }
        return result.build();
    }

    private static Optional<String> problem(Field field, JsonValue value) {
        Optional<String> typeProblem = typeProblem(field.type(), value);
        if (typeProblem.isPresent()) {
            return typeProblem;
        }
        if (field.type() == Type.STRING && ((JsonString) value).getString().isBlank() && field.required()) {
            return Optional.of("is required");
        }
        if (field.allowed() != null && field.allowed().stream().noneMatch(allowed -> sameValue(allowed, value))) {
            return Optional.of("must be one of: " + field.allowed().stream().map(FieldSchema::display).collect(Collectors.joining(", ")));
        }
        if (field.pattern() != null && !field.pattern().matcher(((JsonString) value).getString()).find()) {
            return Optional.of("must match " + field.pattern().pattern());
        }
        BigDecimal measure = switch (field.type()) {
            case STRING -> BigDecimal.valueOf(((JsonString) value).getString().codePointCount(0, ((JsonString) value).getString().length()));
            case NUMBER, INTEGER -> ((JsonNumber) value).bigDecimalValue();
            case BOOLEAN -> null;
        };
        String unit = field.type() == Type.STRING ? " characters long" : "";
        if (measure != null && field.min() != null && measure.compareTo(field.min()) < 0) {
            return Optional.of("must be at least " + field.min().toPlainString() + unit);
        }
        if (measure != null && field.max() != null && measure.compareTo(field.max()) > 0) {
            return Optional.of("must be at most " + field.max().toPlainString() + unit);
        }
        return Optional.empty();
    }

    private static Optional<String> typeProblem(Type type, JsonValue value) {
        boolean fits = switch (type) {
            case STRING -> value instanceof JsonString;
            case NUMBER -> value instanceof JsonNumber;
            case INTEGER -> value instanceof JsonNumber number && isWhole(number);
            case BOOLEAN -> value == JsonValue.TRUE || value == JsonValue.FALSE;
        };
        return fits ? Optional.empty() : Optional.of("must be " + (type == Type.INTEGER ? "an integer" : "a " + type.wireName()));
    }

    private static boolean isWhole(JsonNumber number) {
        BigDecimal value = number.bigDecimalValue();
        return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
    }

    private static boolean sameValue(JsonValue a, JsonValue b) {
        if (a instanceof JsonNumber x && b instanceof JsonNumber y) {
            return x.bigDecimalValue().compareTo(y.bigDecimalValue()) == 0;
        }
        return a.equals(b);
    }

    private static String display(JsonValue value) {
        return value instanceof JsonString string ? string.getString() : value.toString();
    }

    static boolean nameLooksSensitive(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return SENSITIVE_NAME_PARTS.stream().anyMatch(lower::contains);
    }

    /** Seed 002 sends fields its credential_schema does not declare ({@code username}); these limits keep that bounded. */
    public static final int MAX_EXTRA_FIELDS = 20;
    public static final int MAX_EXTRA_FIELD_BYTES = 1024;

    /**
     * The fields of {@code values} this schema does not declare, checked as credential metadata:
     * at most {@link #MAX_EXTRA_FIELDS}, each at most {@link #MAX_EXTRA_FIELD_BYTES} bytes of JSON,
     * and none named like a secret (such a field would be shown back in plain text, so it must be
     * declared, where it can be sealed). Problems go to {@code errors} under {@code prefix.field}.
     */
    public JsonObject extraMetadata(JsonObject values, String prefix, FieldErrors errors) {
        JsonObjectBuilder extra = Json.createObjectBuilder();
        int count = 0;
        for (Map.Entry<String, JsonValue> entry : values.entrySet()) {
            String name = entry.getKey();
            if (fields.containsKey(name)) {
                continue;
            }
            count++;
            String where = prefix + "." + name;
            if (!FIELD_NAME.matcher(name).matches()) {
                errors.add(where, "field names use letters, digits, _ and - (at most 100 characters)");
            } else if (nameLooksSensitive(name)) {
                errors.add(where, "is not a field of the schema and is named like a secret: declare it in credential_schema so it is "
                        + "stored encrypted (known: " + String.join(", ", fields.keySet()) + ")");
            } else if (entry.getValue().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_EXTRA_FIELD_BYTES) {
                errors.add(where, "is not a field of the schema, so it is kept as metadata, which allows at most "
                        + MAX_EXTRA_FIELD_BYTES + " bytes per field");
            } else {
                extra.add(name, entry.getValue());
            }
        }
        if (count > MAX_EXTRA_FIELDS) {
            errors.add(prefix, "holds " + count + " fields outside the credential_schema; at most " + MAX_EXTRA_FIELDS
                    + " are kept as metadata");
        }
        return extra.build();
    }

    /** The values that may be shown back: not sensitive by flag nor by name; unknown names never. */
    public JsonObject metadataOf(JsonObject values) {
        JsonObjectBuilder metadata = Json.createObjectBuilder();
        values.forEach((name, value) -> {
            Field field = fields.get(name);
            if (field != null && !field.isSensitive()) {
                metadata.add(name, value);
            }
        });
        return metadata.build();
    }

    /** Each field's default as text, for {{config.x}} placeholders when no config is at hand. */
    public Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        fields.values().stream()
                .filter(f -> f.defaultValue() != null && f.defaultValue().getValueType() != JsonValue.ValueType.NULL)
                .forEach(f -> defaults.put(f.name(), display(f.defaultValue())));
        return defaults;
    }

    public Set<String> names() {
        return fields.keySet();
    }

    public Optional<Field> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }
}
