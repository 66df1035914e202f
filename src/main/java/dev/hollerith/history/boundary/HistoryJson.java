package dev.hollerith.history.boundary;

import dev.hollerith.history.entity.DataRevision;
import dev.hollerith.platform.control.FieldErrors;
import dev.hollerith.platform.control.InvalidRequest;
import dev.hollerith.platform.control.UnknownResource;
import dev.hollerith.security.control.Caller;
import dev.hollerith.widgetdata.control.DataBinding;
import dev.hollerith.widgetdata.control.DataVersions;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.temporal.ChronoUnit;

/** The JSON shapes of API.md "Data history and trust", and the checks every history resource shares. */
final class HistoryJson {

    private HistoryJson() {
    }

    /** The config's data binding, if the caller may steer it; another tenant's config is unknown (404). */
    static DataBinding binding(String widgetConfigId, Caller caller, DataVersions versions) {
        DataBinding binding = versions.binding(widgetConfigId).orElseThrow(() -> new UnknownResource("Widget config not found"));
        caller.requireAccess(binding.organizationId(), "Widget config");
        if (!binding.hasData()) {
            throw new UnknownResource("No integration data found");
        }
        return binding;
    }

    static long version(String text) {
        try {
            long version = Long.parseLong(text);
            if (version >= 1) {
                return version;
            }
        } catch (NumberFormatException notANumber) {
            // same answer as a version that does not exist
        }
        throw new UnknownResource("Version " + text + " not found in the data history");
    }

    /** {@code {"version": v}} with v a positive integer, else 422. */
    static long versionOf(JsonObject body) {
        if (body == null) {
            throw new InvalidRequest("A JSON request body is required");
        }
        if (body.get("version") instanceof JsonNumber number && number.isIntegral() && number.longValue() >= 1) {
            return number.longValue();
        }
        new FieldErrors().add("version", "is required: the number of a version in the data history").throwIfAny();
        return 0;
    }

    static JsonObject summary(DataRevision revision, long servedVersion) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("version", revision.version())
                .add("source", revision.source().apiName());
        if (revision.deliveryId() != null) {
            json.add("delivery_id", revision.deliveryId());
        }
        json.add("received_at", revision.receivedAt().truncatedTo(ChronoUnit.SECONDS).toString())
                .add("size_bytes", revision.sizeBytes())
                .add("content_hash", revision.contentHash() == null ? "" : revision.contentHash())
                .add("status", status(revision, servedVersion));
        addErrors(json, revision);
        return json.build();
    }

    static JsonObject detail(DataRevision revision, long servedVersion) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("version", revision.version())
                .add("data", parse(revision.data()))
                .add("source", revision.source().apiName());
        if (revision.deliveryId() != null) {
            json.add("delivery_id", revision.deliveryId());
        }
        json.add("received_at", revision.receivedAt().truncatedTo(ChronoUnit.SECONDS).toString())
                .add("size_bytes", revision.sizeBytes())
                .add("content_hash", revision.contentHash() == null ? "" : revision.contentHash())
                .add("status", status(revision, servedVersion));
        addErrors(json, revision);
        return json.build();
    }

    static String status(DataRevision revision, long servedVersion) {
        if (revision.isQuarantined()) {
            return "quarantined";
        }
        return revision.version() == servedVersion ? "served" : "superseded";
    }

    private static void addErrors(JsonObjectBuilder json, DataRevision revision) {
        if (revision.isQuarantined() && revision.errors() != null) {
            json.add("errors", (JsonArray) parse(revision.errors()));
        }
    }

    static JsonValue parse(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }
}
