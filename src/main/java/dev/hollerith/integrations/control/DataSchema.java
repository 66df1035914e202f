package dev.hollerith.integrations.control;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * An integration's {@code data_schema}: a JSON Schema 2020-12 that the data of every pull and webhook
 * must match, checked by a maintained validator (networknt json-schema-validator). The schema is an
 * admin's input, so the validator never fetches a remote {@code $ref} (that would be a request to any
 * address, past the outbound SSRF guard); the 2020-12 meta-schemas come from the library's classpath.
 */
public final class DataSchema {

    /** At most this many messages are kept per check: enough to fix the sender, bounded for the log and the answer. */
    static final int MAX_ERRORS = 20;

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources(false)));
    private static final String META_SCHEMA = "https://json-schema.org/draft/2020-12/schema";

    private final Schema schema;

    private DataSchema(Schema schema) {
        this.schema = schema;
    }

    /** Problems of a declared schema (not a JSON Schema 2020-12 document), empty when it is usable. */
    public static List<String> problemsOf(JsonObject declared) {
        try {
            List<String> problems = messages(REGISTRY.getSchema(SchemaLocation.of(META_SCHEMA)).validate(declared.toString(), InputFormat.JSON));
            if (!problems.isEmpty()) {
                return problems;
            }
            of(declared).problems("null");
            return List.of();
        } catch (SchemaException | IllegalArgumentException | IllegalStateException unusable) {
            return List.of("is not a usable JSON Schema 2020-12: " + unusable.getMessage());
        }
    }

    /** A declared schema, checked when it was stored. Empty for an integration without one. */
    public static Optional<DataSchema> ofDeclared(JsonObject declared) {
        return declared == null || declared.isEmpty() ? Optional.empty() : Optional.of(of(declared));
    }

    private static DataSchema of(JsonObject declared) {
        return new DataSchema(REGISTRY.getSchema(declared.toString(), InputFormat.JSON));
    }

    /** Why {@code json} does not match, as {@code "<path>: <message>"}; empty when it does. */
    public List<String> problems(String json) {
        return messages(schema.validate(json, InputFormat.JSON));
    }

    private static List<String> messages(List<Error> errors) {
        return errors.stream().limit(MAX_ERRORS).map(DataSchema::message).toList();
    }

    private static String message(Error error) {
        String path = error.getInstanceLocation() == null ? "$" : error.getInstanceLocation().toString();
        String message = error.getMessage() == null ? error.getKeyword() : error.getMessage();
        // the library may already start the message with the path: do not say it twice
        return message.startsWith(path) ? message : path + ": " + message;
    }
}
