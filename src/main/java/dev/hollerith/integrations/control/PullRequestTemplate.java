package dev.hollerith.integrations.control;

import dev.hollerith.integrations.entity.WidgetIntegration;
import dev.hollerith.outbound.control.OutboundRequest;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How one integration's upstream request is made (API.md "pull_config"): {@code pull_endpoint} and
 * the {@code query} / {@code headers} maps with {@code {{credentials.NAME}}} and {@code {{config.NAME}}}
 * placeholders, {@code method}, {@code timeout} (ms), {@code rate_limit} (requests a minute),
 * {@code data_path} (a JSON Pointer) and {@code format} ({@code json}, {@code rss}). The built-in
 * {@code rss} fetcher has no endpoint: it fetches {@code {{config.feed_url}}} as a feed.
 * Values land in the URL percent-encoded, so a config value can never add query parameters or
 * change the host it is sent to.
 */
public final class PullRequestTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*(credentials|config)\\.([A-Za-z0-9_.\\-]+)\\s*}}");

    /** Thrown when a placeholder names a credential that is not stored; the message names only the field. */
    public static class MissingCredential extends RuntimeException {
        public MissingCredential(String field) {
            super("The credential '" + field + "' is not configured", null, false, false);
        }
    }

    private final WidgetIntegration integration;
    private final JsonObject pullConfig;

    private PullRequestTemplate(WidgetIntegration integration) {
        this.integration = integration;
        this.pullConfig = integration.pullConfig();
    }

    public static PullRequestTemplate of(WidgetIntegration integration) {
        return new PullRequestTemplate(integration);
    }

    /** Whether this integration can be pulled at all: a declared endpoint or a built-in fetcher. */
    public boolean isPullable() {
        return integration.supportsPull() && (integration.pullEndpoint() != null || integration.usesRssFetcher());
    }

    /** The names of the config options the request reads: they decide who may share its answer. */
    public Set<String> configNamesUsed() {
        Set<String> names = namesUsed("config");
        if (integration.usesRssFetcher()) {
            names.add("feed_url");
            names.add("max_items");
        }
        return names;
    }

    public Set<String> credentialNamesUsed() {
        return namesUsed("credentials");
    }

    private Set<String> namesUsed(String kind) {
        Set<String> names = new TreeSet<>();
        for (String text : new String[] {integration.pullEndpoint(), pullConfig.toString()}) {
            if (text == null) {
                continue;
            }
            Matcher matcher = PLACEHOLDER.matcher(text);
            while (matcher.find()) {
                if (matcher.group(1).equals(kind)) {
                    names.add(matcher.group(2));
                }
            }
        }
        return names;
    }

    public String format() {
        if (integration.usesRssFetcher()) {
            return "rss";
        }
        return text(pullConfig.get("format")).map(f -> f.toLowerCase(Locale.ROOT)).orElse("json");
    }

    public Optional<String> dataPath() {
        return text(pullConfig.get("data_path")).filter(p -> !p.isEmpty());
    }

    public Duration timeout(Duration fallback) {
        return number(pullConfig.get("timeout")).filter(ms -> ms > 0).map(Duration::ofMillis).orElse(fallback);
    }

    public Optional<Long> rateLimitPerMinute() {
        return number(pullConfig.get("rate_limit")).filter(n -> n > 0);
    }

    /**
     * The request for one widget config's options and the resolved credentials.
     *
     * @throws MissingCredential when a {{credentials.x}} placeholder has no stored value
     * @throws IllegalArgumentException when the endpoint is not a valid URL after substitution
     */
    public OutboundRequest build(JsonObject options, Map<String, String> credentials, Duration defaultTimeout) {
        String url = integration.usesRssFetcher()
                ? text(options.get("feed_url")).orElseThrow(() -> new IllegalArgumentException("The widget config has no feed_url"))
                : substitute(integration.pullEndpoint(), options, credentials, true);
        StringBuilder target = new StringBuilder(url);
        JsonValue query = pullConfig.get("query");
        if (query instanceof JsonObject parameters && !parameters.isEmpty()) {
            target.append(url.contains("?") ? '&' : '?');
            boolean first = true;
            for (var parameter : parameters.entrySet()) {
                if (!first) {
                    target.append('&');
                }
                first = false;
                target.append(encode(parameter.getKey())).append('=')
                        .append(encode(substitute(valueText(parameter.getValue()), options, credentials, false)));
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (pullConfig.get("headers") instanceof JsonObject declared) {
            declared.forEach((name, value) -> headers.put(name, substitute(valueText(value), options, credentials, false)));
        }
        headers.putIfAbsent("Accept", format().equals("rss")
                ? "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5"
                : "application/json, */*;q=0.5");
        String method = text(pullConfig.get("method")).map(m -> m.toUpperCase(Locale.ROOT)).orElse("GET");
        URI uri = URI.create(target.toString());
        return new OutboundRequest(method, uri, headers, null, timeout(defaultTimeout));
    }

    private static String substitute(String template, JsonObject options, Map<String, String> credentials, boolean intoUrl) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(2);
            String value;
            if (matcher.group(1).equals("credentials")) {
                value = credentials.get(name);
                if (value == null) {
                    throw new MissingCredential(name);
                }
            } else {
                value = valueText(options.get(name));
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(intoUrl ? encode(value) : value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A config value as text: strings as they are, numbers and booleans as JSON writes them, absent as "". */
    public static String valueText(JsonValue value) {
        if (value == null || value == JsonValue.NULL) {
            return "";
        }
        return value instanceof JsonString string ? string.getString() : value.toString();
    }

    private static Optional<String> text(JsonValue value) {
        return value instanceof JsonString string ? Optional.of(string.getString()) : Optional.empty();
    }

    private static Optional<Long> number(JsonValue value) {
        if (value instanceof JsonNumber number) {
            return Optional.of(number.longValue());
        }
        if (value instanceof JsonString string) {
            try {
                return Optional.of(Long.parseLong(string.getString().trim()));
            } catch (NumberFormatException notANumber) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
