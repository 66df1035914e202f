package dev.hollerith.webhooks.control;

import dev.hollerith.platform.control.InvalidRequest;
import dev.hollerith.platform.control.ValidationFailed;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * Turns the verified bytes of a delivery into JSON, refusing what the store could not keep or hash
 * cheaply: deeper nesting than {@code maxDepth}, numbers longer than {@code maxNumberLength}
 * characters or with an exponent beyond {@code maxExponent} (1e999999999 is short but would be
 * written out as a billion digits when hashed), and anything after the document. Each refusal names
 * what is wrong, so a sender does not retry a body that can never be stored.
 */
public final class WebhookBody {

    /** Looked up once: every {@code Json.create...} call searches the class path for a provider again. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private final int maxDepth;
    private final int maxNumberLength;
    private final int maxExponent;

    public WebhookBody(int maxDepth, int maxNumberLength, int maxExponent) {
        this.maxDepth = maxDepth;
        this.maxNumberLength = maxNumberLength;
        this.maxExponent = maxExponent;
    }

    /**
     * The Content-Type a delivery may carry: none (many senders send none), {@code application/json}
     * or a structured {@code +json} type such as {@code application/cloudevents+json}.
     */
    public static boolean acceptsContentType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }

    public JsonValue parse(byte[] body) {
        JsonValue value = null;
        try (JsonParser parser = JSON.createParser(new ByteArrayInputStream(body))) {
            if (!parser.hasNext()) {
                throw malformed();
            }
            value = read(parser, parser.next(), 0);
            if (parser.hasNext()) {
                throw trailing();
            }
            return value;
        } catch (JsonException | IllegalStateException | java.util.NoSuchElementException notJson) {
            throw value != null ? trailing() : malformed();
        }
    }

    private static InvalidRequest trailing() {
        return new InvalidRequest("Malformed JSON: the webhook body has content after the JSON document");
    }

    private JsonValue read(JsonParser parser, JsonParser.Event event, int depth) {
        return switch (event) {
            case START_OBJECT -> {
                requireDepth(depth + 1);
                JsonObjectBuilder object = JSON.createObjectBuilder();
                for (JsonParser.Event next = parser.next(); next != JsonParser.Event.END_OBJECT; next = parser.next()) {
                    String name = parser.getString();
                    object.add(name, read(parser, parser.next(), depth + 1));
                }
                yield object.build();
            }
            case START_ARRAY -> {
                requireDepth(depth + 1);
                JsonArrayBuilder array = JSON.createArrayBuilder();
                for (JsonParser.Event next = parser.next(); next != JsonParser.Event.END_ARRAY; next = parser.next()) {
                    array.add(read(parser, next, depth + 1));
                }
                yield array.build();
            }
            case VALUE_STRING -> JSON.createValue(parser.getString());
            case VALUE_NUMBER -> number(parser.getString());
            case VALUE_TRUE -> JsonValue.TRUE;
            case VALUE_FALSE -> JsonValue.FALSE;
            case VALUE_NULL -> JsonValue.NULL;
            default -> throw malformed();
        };
    }

    private JsonValue number(String literal) {
        if (literal.length() > maxNumberLength) {
            throw ValidationFailed.of("body", "holds a number of " + literal.length() + " characters; at most " + maxNumberLength + " are accepted");
        }
        BigDecimal number = new BigDecimal(literal);
        if (Math.abs((long) number.scale()) > maxExponent) {
            throw ValidationFailed.of("body", "holds a number whose exponent is beyond ±" + maxExponent);
        }
        return JSON.createValue(number);
    }

    private void requireDepth(int depth) {
        if (depth > maxDepth) {
            throw ValidationFailed.of("body", "nests objects and arrays deeper than " + maxDepth + " levels");
        }
    }

    private static InvalidRequest malformed() {
        return new InvalidRequest("Malformed JSON: the webhook body is not a JSON document");
    }
}
