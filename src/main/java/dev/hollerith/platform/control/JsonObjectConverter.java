package dev.hollerith.platform.control;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.io.StringReader;

/**
 * Stores a JSON object (schemas, options, metadata) as text: the same column type on H2 and
 * PostgreSQL, and the JSON stays readable with plain SQL. Use with {@code @Lob}-free
 * {@code @Column(columnDefinition = "TEXT")} or a generous length.
 */
@Converter
public class JsonObjectConverter implements AttributeConverter<JsonObject, String> {

    @Override
    public String convertToDatabaseColumn(JsonObject value) {
        return value == null ? null : value.toString();
    }

    @Override
    public JsonObject convertToEntityAttribute(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
