package dev.hollerith.integrations.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataSchemaTest {

    static final String WEATHER = """
            {"type": "object", "required": ["temp"],
             "properties": {"temp": {"type": "number", "minimum": -90, "maximum": 60}, "city": {"type": "string"}}}""";

    static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    @Test
    void acceptsMatchingDataAndNamesThePathOfEveryMismatch() {
        assertEquals(List.of(), DataSchema.problemsOf(json(WEATHER)));
        DataSchema schema = DataSchema.ofDeclared(json(WEATHER)).orElseThrow();
        assertEquals(List.of(), schema.problems("{\"temp\": 21.5, \"city\": \"Stockholm\"}"));
        List<String> wrongType = schema.problems("{\"temp\": \"warm\"}");
        assertEquals(1, wrongType.size(), wrongType.toString());
        assertTrue(wrongType.get(0).contains("temp"), wrongType.toString());
        List<String> missing = schema.problems("{\"city\": 1}");
        assertEquals(2, missing.size(), missing.toString());
        assertFalse(schema.problems("[1, 2]").isEmpty());
    }

    @Test
    void refusesSchemasThatAreNotJsonSchema() {
        assertFalse(DataSchema.problemsOf(json("{\"type\": \"nonsense\"}")).isEmpty());
        assertFalse(DataSchema.problemsOf(json("{\"minimum\": \"ten\"}")).isEmpty());
        assertTrue(DataSchema.ofDeclared(json("{}")).isEmpty(), "{} declares no schema");
    }

    @Test
    void neverFetchesARemoteReference() {
        // a fetch would be a request to an admin-chosen address past the SSRF guard; port 9 (discard) would hang or refuse
        long started = System.nanoTime();
        List<String> problems = DataSchema.problemsOf(json("{\"$ref\": \"http://127.0.0.1:9/schema.json\"}"));
        assertFalse(problems.isEmpty(), "an unresolvable remote $ref is refused");
        assertTrue(System.nanoTime() - started < 10_000_000_000L);
    }
}
