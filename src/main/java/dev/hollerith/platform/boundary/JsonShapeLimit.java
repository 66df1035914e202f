package dev.hollerith.platform.boundary;

import dev.hollerith.platform.control.InvalidRequest;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.stream.JsonParser;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one place every JSON request body passes before a reader (JSON-P, JSON-B or ours) sees
 * it. A body nested a thousand deep made the readers and what stores the result fail deep
 * down (a 500), a 10,000-digit number turned into a database error, and bytes after the JSON
 * value were silently dropped. Here such bodies are a 400 that says what is wrong, checked with
 * a streaming parser, so checking costs no recursion. Raw bodies (bytes, strings, streams: the
 * webhooks, which must see the exact bytes) are left to their resource.
 */
@Provider
public class JsonShapeLimit implements ReaderInterceptor {

    @Inject
    @ConfigProperty(name = "hollerith.http.max-json-depth", defaultValue = "32")
    int maxDepth;

    @Inject
    @ConfigProperty(name = "hollerith.http.max-json-number-length", defaultValue = "100")
    int maxNumberLength;

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (!isJson(context.getMediaType()) || isRaw(context.getType())) {
            return context.proceed();
        }
        // the body limit filter has already capped how much this may read
        byte[] body = context.getInputStream().readAllBytes();
        check(body, maxDepth, maxNumberLength);
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }

    /** Throws a 400 when the body is not one well-formed JSON value within the limits; an empty body passes (the resource says it is missing). */
    static void check(byte[] body, int maxDepth, int maxNumberLength) {
        if (isBlank(body)) {
            return;
        }
        try (JsonParser parser = Json.createParser(new StringReader(strictUtf8(body)))) {
            int depth = 0;
            while (parser.hasNext()) {
                switch (parser.next()) {
                    case START_OBJECT, START_ARRAY -> {
                        if (++depth > maxDepth) {
                            throw new InvalidRequest("JSON is nested too deep: at most " + maxDepth + " levels of objects and arrays");
                        }
                    }
                    case END_OBJECT, END_ARRAY -> depth--;
                    case VALUE_NUMBER -> {
                        if (parser.getString().length() > maxNumberLength) {
                            throw new InvalidRequest("A JSON number is too long: at most " + maxNumberLength + " characters");
                        }
                    }
                    case KEY_NAME, VALUE_STRING -> {
                        // PostgreSQL cannot store U+0000 in text: refused here rather than as a failed write
                        if (parser.getString().indexOf(0) >= 0) {
                            throw new InvalidRequest("JSON strings must not contain the character U+0000");
                        }
                    }
                    default -> {
                        // literals; the size of everything is bounded by the body limit
                    }
                }
            }
        } catch (JsonException malformed) {
            throw new InvalidRequest("Malformed JSON: the request body could not be read as JSON"
                    + (malformed.getMessage() != null && malformed.getMessage().contains("EOF") ? " (unexpected content after the JSON value?)" : ""));
        }
    }

    /** RFC 8259: JSON between systems is UTF-8; a lenient decoder would turn bad bytes into U+FFFD silently. */
    private static String strictUtf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException invalid) {
            throw new InvalidRequest("The request body is not valid UTF-8");
        }
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    private static boolean isJson(MediaType type) {
        return type != null && (type.isCompatible(MediaType.APPLICATION_JSON_TYPE) || type.getSubtype().endsWith("+json"));
    }

    private static boolean isRaw(Class<?> type) {
        return type == byte[].class || type == String.class || InputStream.class.isAssignableFrom(type)
                || Reader.class.isAssignableFrom(type);
    }
}
