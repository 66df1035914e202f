package dev.hollerith.integrations.control;

import static dev.hollerith.outbound.control.Redaction.percentEncode;

import dev.hollerith.integrations.entity.WidgetIntegration;
import dev.hollerith.outbound.control.OutboundRequest;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The upstream request of a pull integration (API.md "pull_config"): {@code pull_endpoint} plus
 * the {@code query} and {@code headers} of pull_config, whose values may hold
 * {@code {{credentials.NAME}}} and {@code {{config.NAME}}} placeholders, and its {@code method},
 * {@code body} and {@code timeout}. The built-in {@code rss} fetcher has no endpoint: it reads
 * {@code {{config.feed_url}}}. Used by the credential test and by the pull engine, so that both
 * send exactly the same request.
 *
 * <p>A placeholder that starts the endpoint is a base URL and goes in as it is; anywhere else in
 * the URL it is percent-encoded, so a value cannot add path segments or query parameters.
 */
public final class PullRequestTemplate {

    /** A template that cannot become a request now, e.g. a credential is not set; the message names no value. */
    public static class Unrenderable extends RuntimeException {
        public Unrenderable(String message) {
            super(message, null, false, false);
        }
    }

    public static final String RSS_FEED_URL = "feed_url";
    static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");
    private static final Pattern REFERENCE = Pattern.compile("(credentials|config)\\.([A-Za-z0-9_][A-Za-z0-9_-]*)");
    private static final String JSON_ACCEPT = "application/json";
    private static final String FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8";

    private final String endpoint;
    private final JsonObject pullConfig;

    public PullRequestTemplate(String endpoint, JsonObject pullConfig) {
        this.endpoint = endpoint;
        this.pullConfig = pullConfig == null ? JsonValue.EMPTY_JSON_OBJECT : pullConfig;
    }

    public static PullRequestTemplate of(WidgetIntegration integration) {
        String endpoint = integration.usesRssFetcher() ? "{{config." + RSS_FEED_URL + "}}" : integration.pullEndpoint();
        return new PullRequestTemplate(endpoint, integration.pullConfig());
    }

    /**
     * The request with every placeholder filled.
     *
     * @param credentials the decrypted credential fields
     * @param config      the config values as text (see {@link #configValues(JsonObject)})
     * @param fallbackTimeout used when pull_config has no {@code timeout}
     * @throws Unrenderable when a value is missing or the result is no valid request
     */
    public OutboundRequest render(Map<String, String> credentials, Map<String, String> config, Duration fallbackTimeout) {
        if (endpoint == null || endpoint.isBlank()) {
            throw new Unrenderable("The integration has no pull_endpoint");
        }
        // every credential value that goes into the request: OutboundHttp redacts them from every text it builds
        Set<String> secrets = new LinkedHashSet<>();
        Function<String, String> lookup = reference -> {
            String value = valueOf(reference, credentials, config);
            if (reference.startsWith("credentials.")) {
                secrets.add(value);
            }
            return value;
        };
        StringBuilder url = new StringBuilder(fillUrl(endpoint, lookup));
        JsonObject query = object("query");
        if (!query.isEmpty()) {
            int fragment = url.indexOf("#");
            if (fragment >= 0) {
                url.setLength(fragment);
            }
            char separator = url.indexOf("?") >= 0 ? '&' : '?';
            for (Map.Entry<String, JsonValue> parameter : query.entrySet()) {
                url.append(separator).append(percentEncode(parameter.getKey())).append('=')
                        .append(percentEncode(fill(text(parameter.getValue()), lookup)));
                separator = '&';
            }
        }
        URI uri;
        try {
            uri = new URI(url.toString());
        } catch (URISyntaxException e) {
            throw new Unrenderable("The pull_endpoint does not form a valid URL once its placeholders are filled");
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new Unrenderable("The pull_endpoint does not form an absolute http(s) URL once its placeholders are filled");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> header : object("headers").entrySet()) {
            String value = fill(text(header.getValue()), lookup);
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new Unrenderable("Header " + header.getKey() + " would contain a line break");
            }
            headers.put(header.getKey(), value);
        }
        boolean accepts = headers.keySet().stream().anyMatch(name -> name.equalsIgnoreCase("Accept"));
        if (!accepts) {
            headers.put("Accept", isFeed() ? FEED_ACCEPT : JSON_ACCEPT);
        }
        byte[] body = null;
        String method = method();
        if (!method.equals("GET") && pullConfig.containsKey("body")) {
            JsonValue template = pullConfig.get("body");
            body = (template instanceof JsonString string ? fill(string.getString(), lookup) : fillJson(template, lookup).toString())
                    .getBytes(StandardCharsets.UTF_8);
            if (headers.keySet().stream().noneMatch(name -> name.equalsIgnoreCase("Content-Type"))) {
                headers.put("Content-Type", template instanceof JsonString ? "text/plain; charset=utf-8" : "application/json");
            }
        }
        return new OutboundRequest(method, uri, headers, body, timeout(fallbackTimeout), secrets);
    }

    public String method() {
        return pullConfig.get("method") instanceof JsonString method ? method.getString().toUpperCase(Locale.ROOT) : "GET";
    }

    public Duration timeout(Duration fallback) {
        return pullConfig.get("timeout") instanceof JsonNumber millis && millis.longValue() > 0
                ? Duration.ofMillis(millis.longValue()) : fallback;
    }

    /** Whether the answer is a feed (pull_config.format "rss", or the built-in fetcher). */
    public boolean isFeed() {
        return pullConfig.get("format") instanceof JsonString format ? format.getString().equals("rss")
                : endpoint != null && endpoint.equals("{{config." + RSS_FEED_URL + "}}");
    }

    /** The config fields this request reads: what makes two configs fetch different things. */
    public Set<String> configNames() {
        return referenced("config");
    }

    public Set<String> credentialNames() {
        return referenced("credentials");
    }

    private Set<String> referenced(String kind) {
        Set<String> names = new TreeSet<>();
        for (String template : templates()) {
            Matcher placeholder = PLACEHOLDER.matcher(template);
            while (placeholder.find()) {
                Matcher reference = REFERENCE.matcher(placeholder.group(1));
                if (reference.matches() && reference.group(1).equals(kind)) {
                    names.add(reference.group(2));
                }
            }
        }
        return names;
    }

    /** The placeholders that name no field of the given schemas, or are not of the two known kinds. */
    public Set<String> unknownPlaceholders(Set<String> credentialFields, Set<String> configFields) {
        Set<String> unknown = new LinkedHashSet<>();
        for (String template : templates()) {
            Matcher placeholder = PLACEHOLDER.matcher(template);
            while (placeholder.find()) {
                Matcher reference = REFERENCE.matcher(placeholder.group(1));
                boolean known = reference.matches() && (reference.group(1).equals("credentials")
                        ? credentialFields.contains(reference.group(2)) : configFields.contains(reference.group(2)));
                if (!known) {
                    unknown.add(placeholder.group());
                }
            }
        }
        return unknown;
    }

    private List<String> templates() {
        List<String> templates = new java.util.ArrayList<>();
        if (endpoint != null) {
            templates.add(endpoint);
        }
        for (String map : List.of("query", "headers")) {
            object(map).values().forEach(value -> templates.add(text(value)));
        }
        JsonValue body = pullConfig.get("body");
        if (body != null) {
            templates.add(body instanceof JsonString string ? string.getString() : body.toString());
        }
        return templates;
    }

    /** Config options as the text that placeholders insert. */
    public static Map<String, String> configValues(JsonObject options) {
        Map<String, String> values = new LinkedHashMap<>();
        options.forEach((name, value) -> {
            if (value.getValueType() != JsonValue.ValueType.NULL) {
                values.put(name, text(value));
            }
        });
        return values;
    }

    private JsonObject object(String key) {
        return pullConfig.get(key) instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
    }

    private static String valueOf(String reference, Map<String, String> credentials, Map<String, String> config) {
        Matcher matcher = REFERENCE.matcher(reference);
        if (!matcher.matches()) {
            throw new Unrenderable("Unknown placeholder {{" + reference + "}}");
        }
        boolean credential = matcher.group(1).equals("credentials");
        String value = (credential ? credentials : config).get(matcher.group(2));
        if (value == null) {
            throw new Unrenderable((credential ? "Credential " : "Config value ") + matcher.group(2) + " is not set");
        }
        return value;
    }

    private static String fillUrl(String template, Function<String, String> lookup) {
        Matcher placeholder = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (placeholder.find()) {
            String value = lookup.apply(placeholder.group(1));
            placeholder.appendReplacement(out, Matcher.quoteReplacement(placeholder.start() == 0 ? value : percentEncode(value)));
        }
        placeholder.appendTail(out);
        return out.toString();
    }

    static String fill(String template, Function<String, String> lookup) {
        Matcher placeholder = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (placeholder.find()) {
            placeholder.appendReplacement(out, Matcher.quoteReplacement(lookup.apply(placeholder.group(1))));
        }
        placeholder.appendTail(out);
        return out.toString();
    }

    private static JsonValue fillJson(JsonValue template, Function<String, String> lookup) {
        if (template instanceof JsonString string) {
            return Json.createValue(fill(string.getString(), lookup));
        }
        if (template instanceof JsonObject object) {
            JsonObjectBuilder filled = Json.createObjectBuilder();
            object.forEach((name, value) -> filled.add(name, fillJson(value, lookup)));
            return filled.build();
        }
        if (template instanceof jakarta.json.JsonArray array) {
            var filled = Json.createArrayBuilder();
            array.forEach(value -> filled.add(fillJson(value, lookup)));
            return filled.build();
        }
        return template;
    }

    private static String text(JsonValue value) {
        return value instanceof JsonString string ? string.getString() : value.toString();
    }
}
