package dev.hollerith.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.Optional;

/** One answer of the server, with assertions that print the body when they fail. */
public record ApiResponse(HttpResponse<String> raw) {

    public int status() {
        return raw.statusCode();
    }

    public String body() {
        return raw.body();
    }

    public Optional<String> header(String name) {
        return raw.headers().firstValue(name);
    }

    public ApiResponse expect(int status) {
        assertEquals(status, status(), () -> raw.request().method() + " " + raw.request().uri() + " answered " + status() + ": " + body());
        return this;
    }

    public JsonObject json() {
        return (JsonObject) structure();
    }

    public JsonArray jsonArray() {
        return (JsonArray) structure();
    }

    private JsonStructure structure() {
        try (var reader = Json.createReader(new StringReader(body()))) {
            return reader.read();
        }
    }

    public JsonObject data() {
        return json().getJsonObject("data");
    }

    public JsonArray dataArray() {
        return json().getJsonArray("data");
    }

    public String error() {
        return json().getString("error");
    }
}
