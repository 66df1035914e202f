package dev.hollerith.widgetdata.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;

/**
 * SHA-256 of a canonical form of a JSON value (object members sorted by name), so that an upstream
 * that reorders its members between two answers does not produce a new version for the same data.
 */
public final class ContentHash {

    /** Looked up once: every {@code Json.create...} call searches the class path for a provider again. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private ContentHash() {
    }

    public static String of(JsonValue value) {
        StringBuilder canonical = new StringBuilder();
        write(value, canonical);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(JsonValue value, StringBuilder out) {
        switch (value.getValueType()) {
            case OBJECT -> {
                out.append('{');
                boolean first = true;
                for (var member : new TreeMap<>((JsonObject) value).entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    out.append(JSON.createValue(member.getKey())).append(':');
                    write(member.getValue(), out);
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                boolean first = true;
                for (JsonValue item : (JsonArray) value) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    write(item, out);
                }
                out.append(']');
            }
            case NUMBER -> out.append(((JsonNumber) value).bigDecimalValue().stripTrailingZeros().toPlainString());
            case STRING -> out.append(JSON.createValue(((JsonString) value).getString()));
            default -> out.append(value);
        }
    }
}
