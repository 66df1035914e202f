package dev.hollerith.platform.boundary;

import dev.hollerith.platform.control.InvalidRequest;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Reads {@code JsonObject} parameters. The stock JSON-P reader happily reads an array, and the
 * resource call then fails with an argument mismatch that no exception mapper sees (an HTML 500);
 * here anything but an object is a clear 400.
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/*+json"})
public class JsonObjectBodyReader implements MessageBodyReader<JsonObject> {

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == JsonObject.class;
    }

    @Override
    public JsonObject readFrom(Class<JsonObject> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                               MultivaluedMap<String, String> headers, InputStream body) {
        JsonStructure structure;
        try (JsonReader reader = Json.createReader(body)) {
            structure = reader.read();
        } catch (JsonException malformed) {
            throw new InvalidRequest("Malformed JSON: the request body could not be read as a JSON object");
        }
        if (structure instanceof JsonObject object) {
            return object;
        }
        throw new InvalidRequest("The request body must be a JSON object");
    }
}
