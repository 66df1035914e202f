package dev.hollerith.outbound.control;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One request to a tenant-supplied URL. {@code secrets} are the credential values that were
 * filled into it (URL, headers, body): every text built from this request or from what the
 * upstream answered about it (redirect targets, exception messages) goes through {@link #redact}.
 */
public record OutboundRequest(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout, Set<String> secrets) {

    public OutboundRequest {
        Objects.requireNonNull(method);
        Objects.requireNonNull(uri);
        headers = Map.copyOf(headers);
        Objects.requireNonNull(timeout);
        secrets = secrets == null ? Set.of() : Set.copyOf(secrets);
    }

    public OutboundRequest(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout) {
        this(method, uri, headers, body, timeout, Set.of());
    }

    public static OutboundRequest get(URI uri, Duration timeout) {
        return new OutboundRequest("GET", uri, Map.of(), null, timeout);
    }

    public static OutboundRequest postJson(URI uri, String json, Duration timeout) {
        return new OutboundRequest("POST", uri, Map.of("Content-Type", "application/json"), json.getBytes(StandardCharsets.UTF_8), timeout);
    }

    public OutboundRequest withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new OutboundRequest(method, uri, more, body, timeout, secrets);
    }

    /** The text with every secret of this request (as it is, or percent- or form-encoded) replaced by {@code ***}. */
    public String redact(String text) {
        return Redaction.of(secrets).apply(text);
    }

    /** The URL without its query, for logs of operator-configured URLs (query strings may carry API keys). */
    public String redactedUri() {
        return redact(origin() + (uri.getRawPath() == null ? "" : uri.getRawPath()) + (uri.getRawQuery() == null ? "" : "?…"));
    }

    /** Scheme and host only: for logs of tenant-built URLs, whose paths may carry credentials too. */
    public String origin() {
        return redact(uri.getScheme() + "://" + uri.getRawAuthority());
    }
}
