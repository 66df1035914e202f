package dev.hollerith.integrations.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hollerith.platform.control.FieldErrors;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldSchemaTest {

    /** Seed 002's RSS config_schema and OpenWeather credential_schema, verbatim. */
    static final String RSS = """
            {"feed_url": {"type": "string", "required": true, "label": "RSS Feed URL", "pattern": "^https?://.+"},
             "max_items": {"type": "number", "default": 10, "min": 1, "max": 50, "label": "Maximum Items"}}""";
    static final String WEATHER = """
            {"units": {"type": "string", "enum": ["metric", "imperial"], "default": "metric", "label": "Temperature Units"}}""";
    static final String FACEBOOK = """
            {"page_id": {"type": "string", "required": true, "label": "Facebook Page ID"},
             "webhook_verify_token": {"type": "string", "required": true, "sensitive": true, "label": "Webhook Verification Token"}}""";

    static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    static Map<String, List<String>> errorsOf(FieldSchema schema, String values, boolean rejectUnknown) {
        FieldErrors errors = new FieldErrors();
        schema.apply(json(values), "options", errors, rejectUnknown);
        return errors.asMap();
    }

    @Test
    void appliesDefaultsAndKeepsValidValues() {
        JsonObject applied = FieldSchema.of(json(RSS)).apply(json("{\"feed_url\":\"https://example.com/feed\"}"), "options", new FieldErrors(), false);
        assertEquals(json("{\"feed_url\":\"https://example.com/feed\",\"max_items\":10}"), applied);
        assertEquals("metric", FieldSchema.of(json(WEATHER)).apply(json("{}"), "options", new FieldErrors(), false).getString("units"));
    }

    @Test
    void reportsEveryFieldProblemByName() {
        FieldSchema rss = FieldSchema.of(json(RSS));
        assertEquals(Map.of("options.feed_url", List.of("is required")), errorsOf(rss, "{}", false));
        assertEquals(List.of("must match ^https?://.+"), errorsOf(rss, "{\"feed_url\":\"ftp://x\"}", false).get("options.feed_url"));
        assertEquals(List.of("must be at most 50"), errorsOf(rss, "{\"feed_url\":\"http://x\",\"max_items\":51}", false).get("options.max_items"));
        assertEquals(List.of("must be at least 1"), errorsOf(rss, "{\"feed_url\":\"http://x\",\"max_items\":0}", false).get("options.max_items"));
        assertEquals(List.of("must be a number"), errorsOf(rss, "{\"feed_url\":\"http://x\",\"max_items\":\"10\"}", false).get("options.max_items"));
        assertEquals(List.of("must be one of: metric, imperial"), errorsOf(FieldSchema.of(json(WEATHER)), "{\"units\":\"kelvin\"}", false).get("options.units"));
        assertEquals(List.of("must be a string"), errorsOf(FieldSchema.of(json(WEATHER)), "{\"units\":1}", false).get("options.units"));
    }

    @Test
    void integersBooleansAndStringLengths() {
        FieldSchema schema = FieldSchema.of(json("""
                {"count": {"type": "integer"}, "on": {"type": "boolean"}, "code": {"type": "string", "min": 2, "max": 3}}"""));
        assertEquals(List.of("must be an integer"), errorsOf(schema, "{\"count\": 1.5}", false).get("options.count"));
        assertTrue(errorsOf(schema, "{\"count\": 2.0, \"on\": true, \"code\": \"ab\"}", false).isEmpty());
        assertEquals(List.of("must be a boolean"), errorsOf(schema, "{\"on\": \"true\"}", false).get("options.on"));
        assertEquals(List.of("must be at most 3 characters long"), errorsOf(schema, "{\"code\": \"abcd\"}", false).get("options.code"));
    }

    @Test
    void unknownFieldsAreKeptForOptionsAndRejectedForCredentials() {
        FieldSchema facebook = FieldSchema.of(json(FACEBOOK));
        JsonObject kept = FieldSchema.of(json(WEATHER)).apply(json("{\"theme\":\"dark\"}"), "options", new FieldErrors(), false);
        assertEquals("dark", kept.getString("theme"));
        Map<String, List<String>> errors = errorsOf(facebook, "{\"page_id\":\"1\",\"webhook_verify_token\":\"t\",\"pageid\":\"2\"}", true);
        assertEquals(List.of("options.pageid"), List.copyOf(errors.keySet()));
    }

    @Test
    void fieldsOutsideTheCredentialSchemaAreKeptAsBoundedMetadata() {
        FieldSchema weather = FieldSchema.of(json(FACEBOOK));
        FieldErrors errors = new FieldErrors();
        JsonObject extra = weather.extraMetadata(json("{\"page_id\":\"1\",\"webhook_verify_token\":\"t\",\"username\":\"optional-username\"}"),
                "credentials", errors);
        assertTrue(errors.isEmpty());
        assertEquals(json("{\"username\":\"optional-username\"}"), extra);

        FieldErrors secretLike = new FieldErrors();
        weather.extraMetadata(json("{\"client_secret\":\"s\",\"refresh_token\":\"t\"}"), "credentials", secretLike);
        assertEquals(java.util.Set.of("credentials.client_secret", "credentials.refresh_token"), secretLike.asMap().keySet());

        FieldErrors tooLarge = new FieldErrors();
        weather.extraMetadata(json("{\"note\":\"" + "x".repeat(1100) + "\"}"), "credentials", tooLarge);
        assertEquals(java.util.Set.of("credentials.note"), tooLarge.asMap().keySet());

        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 21; i++) {
            many.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":").append(i);
        }
        FieldErrors tooMany = new FieldErrors();
        weather.extraMetadata(json(many.append("}").toString()), "credentials", tooMany);
        assertEquals(java.util.Set.of("credentials"), tooMany.asMap().keySet());
        FieldErrors twenty = new FieldErrors();
        weather.extraMetadata(json(many.toString().replace(",\"f20\":20", "")), "credentials", twenty);
        assertTrue(twenty.isEmpty());
    }

    @Test
    void metadataHoldsNeitherMarkedNorSensitiveNamedFields() {
        FieldSchema schema = FieldSchema.of(json("""
                {"page_id": {"type": "string"}, "webhook_verify_token": {"type": "string"}, "api_key": {"type": "string"},
                 "username": {"type": "string"}, "Password2": {"type": "string"}, "client_secret": {"type": "string"},
                 "pin": {"type": "string", "sensitive": true}}"""));
        JsonObject values = json("""
                {"page_id": "1", "webhook_verify_token": "t", "api_key": "k", "username": "u", "Password2": "p",
                 "client_secret": "s", "pin": "0000"}""");
        assertEquals(json("{\"page_id\":\"1\",\"username\":\"u\"}"), schema.metadataOf(values));
    }

    @Test
    void rejectsMalformedSchemas() {
        FieldErrors errors = new FieldErrors();
        FieldSchema.parse(json("""
                {"a": {"type": "text"}, "b": "string", "c": {"type": "string", "pattern": "(unclosed"},
                 "d": {"type": "number", "min": 5, "max": 1}, "e": {"type": "string", "enum": ["x", 1]},
                 "f": {"type": "number", "default": "ten"}, "g": {"type": "string", "required": "yes"},
                 "h": {}, "bad name": {"type": "string"}}"""), "config_schema", errors);
        Map<String, List<String>> found = errors.asMap();
        for (String field : List.of("config_schema.a.type", "config_schema.b", "config_schema.c.pattern", "config_schema.d.min",
                "config_schema.e.enum", "config_schema.f.default", "config_schema.g.required", "config_schema.h.type", "config_schema.bad name")) {
            assertTrue(found.containsKey(field), () -> field + " missing in " + found);
        }
        assertThrows(IllegalStateException.class, () -> FieldSchema.of(json("{\"a\":{\"type\":\"text\"}}")));
    }

    @Test
    void seedSchemasParseCleanly() {
        for (String schema : List.of(RSS, WEATHER, FACEBOOK)) {
            FieldErrors errors = new FieldErrors();
            FieldSchema.parse(json(schema), "s", errors);
            assertTrue(errors.isEmpty(), () -> errors.asMap().toString());
        }
        assertEquals(Map.of("max_items", "10"), FieldSchema.of(json(RSS)).defaults());
        assertFalse(FieldSchema.of(json(FACEBOOK)).field("page_id").orElseThrow().isSensitive());
    }
}
