package dev.hollerith.integrations.control;

import dev.hollerith.integrations.entity.CredentialScope;
import dev.hollerith.integrations.entity.IntegrationDefinition;
import dev.hollerith.integrations.entity.IntegrationType;
import dev.hollerith.integrations.entity.WidgetIntegration;
import dev.hollerith.outbound.control.OutboundRefused;
import dev.hollerith.platform.control.FieldErrors;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Reads and checks an integration definition as JSON (seed 002's "Create Integration" body, or a
 * PATCH merged over the stored definition). Every problem is reported at once, per field (422).
 */
public final class IntegrationDefinitions {

    static final Set<String> FIELDS = Set.of("widget_id", "name", "description", "integration_type", "credential_scope",
            "credential_schema", "config_schema", "pull_endpoint", "pull_interval_seconds", "pull_config",
            "push_webhook_path", "push_config", "is_active", "data_schema", "budget");
    static final int MAX_PULL_TIMEOUT_MILLIS = 120_000;
    /** An HTTP header name (RFC 9110 token): pull_config headers and push_config.signature_header. */
    static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern WEBHOOK_PATH = Pattern.compile("/[A-Za-z0-9._~/-]{0,199}");
    private static final Pattern DUMMY = PullRequestTemplate.PLACEHOLDER;

    private final int minPullIntervalSeconds;
    private final Consumer<URI> destinationCheck;

    /**
     * @param destinationCheck refuses endpoints in refused address space ({@code OutboundHttp::checkDestination})
     */
    public IntegrationDefinitions(int minPullIntervalSeconds, Consumer<URI> destinationCheck) {
        this.minPullIntervalSeconds = minPullIntervalSeconds;
        this.destinationCheck = destinationCheck;
    }

    /** A new definition for the widget in the path; {@code widget_id} in the body may repeat it. */
    public IntegrationDefinition create(String widgetId, JsonObject body) {
        return read(widgetId, body, body);
    }

    /** The stored definition with the members of {@code patch} replaced; {@code null} clears an optional member. */
    public IntegrationDefinition patch(WidgetIntegration current, JsonObject patch) {
        JsonObjectBuilder merged = Json.createObjectBuilder(toJson(current.definition()));
        patch.forEach((name, value) -> {
            if (!name.equals("widget_id")) {
                merged.add(name, value);
            }
        });
        return read(current.widgetId(), merged.build(), patch);
    }

    public static JsonObject toJson(IntegrationDefinition d) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("name", d.name())
                .add("integration_type", d.type().wireName())
                .add("credential_scope", d.credentialScope().wireName())
                .add("credential_schema", d.credentialSchema())
                .add("config_schema", d.configSchema())
                .add("pull_config", d.pullConfig())
                .add("push_config", d.pushConfig())
                .add("is_active", d.active());
        if (d.description() != null) {
            json.add("description", d.description());
        }
        if (d.pullEndpoint() != null) {
            json.add("pull_endpoint", d.pullEndpoint());
        }
        if (d.pullIntervalSeconds() != null) {
            json.add("pull_interval_seconds", d.pullIntervalSeconds());
        }
        if (d.pushWebhookPath() != null) {
            json.add("push_webhook_path", d.pushWebhookPath());
        }
        if (!d.dataSchema().isEmpty()) {
            json.add("data_schema", d.dataSchema());
        }
        if (!d.budget().isEmpty()) {
            json.add("budget", d.budget());
        }
        return json.build();
    }

    private IntegrationDefinition read(String widgetId, JsonObject body, JsonObject given) {
        FieldErrors errors = new FieldErrors();
        for (String name : given.keySet()) {
            if (!FIELDS.contains(name)) {
                errors.add(name, "is not a field of an integration definition");
            }
        }
        if (given.containsKey("widget_id") && !(given.get("widget_id") instanceof JsonString w && w.getString().equals(widgetId))) {
            errors.add("widget_id", "must be the widget of the path (" + widgetId + ") or be left out");
        }
        String name = string(body, "name", errors);
        if (name == null || name.isBlank()) {
            errors.add("name", "is required");
        } else if (name.length() > 100) {
            errors.add("name", "must be at most 100 characters");
        }
        String description = string(body, "description", errors);
        if (description != null && description.length() > 2000) {
            errors.add("description", "must be at most 2000 characters");
        }
        IntegrationType type = choice(body, "integration_type", errors, IntegrationType.values(), IntegrationType::wireName);
        CredentialScope scope = choice(body, "credential_scope", errors, CredentialScope.values(), CredentialScope::wireName);
        JsonObject credentialSchemaJson = object(body, "credential_schema", errors);
        JsonObject configSchemaJson = object(body, "config_schema", errors);
        FieldSchema credentialSchema = FieldSchema.parse(credentialSchemaJson, "credential_schema", errors);
        FieldSchema configSchema = FieldSchema.parse(configSchemaJson, "config_schema", errors);

        String endpoint = string(body, "pull_endpoint", errors);
        Integer interval = integer(body, "pull_interval_seconds", errors);
        JsonObject pullConfig = object(body, "pull_config", errors);
        String webhookPath = string(body, "push_webhook_path", errors);
        JsonObject pushConfig = object(body, "push_config", errors);
        JsonObject dataSchema = object(body, "data_schema", errors);
        if (!dataSchema.isEmpty()) {
            DataSchema.problemsOf(dataSchema).forEach(problem -> errors.add("data_schema", problem));
        }
        JsonObject budget = object(body, "budget", errors);
        checkBudget(budget, errors);
        boolean active = !(body.get("is_active") == JsonValue.FALSE);
        if (body.containsKey("is_active") && !(body.get("is_active") == JsonValue.TRUE || body.get("is_active") == JsonValue.FALSE
                || body.get("is_active") == JsonValue.NULL)) {
            errors.add("is_active", "must be true or false");
        }

        boolean pulls = type == IntegrationType.PULL || type == IntegrationType.BOTH;
        boolean pushes = type == IntegrationType.PUSH || type == IntegrationType.BOTH;
        if (type != null && pulls) {
            if (interval == null && !errors.asMap().containsKey("pull_interval_seconds")) {
                errors.add("pull_interval_seconds", "is required for a pull integration");
            } else if (interval != null && interval < minPullIntervalSeconds) {
                errors.add("pull_interval_seconds", "must be at least " + minPullIntervalSeconds);
            } else if (interval != null && interval > 604_800) {
                errors.add("pull_interval_seconds", "must be at most 604800 (a week)");
            }
            if (endpoint == null && !WidgetIntegration.RSS_FETCHER.equals(name) && !errors.asMap().containsKey("pull_endpoint")) {
                errors.add("pull_endpoint", "is required for a pull integration (only the built-in \"rss\" fetcher has none)");
            }
            if (endpoint == null && WidgetIntegration.RSS_FETCHER.equals(name) && configSchema.field(PullRequestTemplate.RSS_FEED_URL).isEmpty()
                    && !errors.asMap().containsKey("config_schema")) {
                errors.add("config_schema", "the built-in rss fetcher reads the config field feed_url: declare it");
            }
            if (endpoint != null) {
                checkEndpoint(endpoint, errors);
            }
            checkPullConfig(pullConfig, errors);
            PullRequestTemplate template = new PullRequestTemplate(endpoint, pullConfig);
            for (String unknown : template.unknownPlaceholders(credentialSchema.names(), configSchema.names())) {
                errors.add(endpoint != null && endpoint.contains(unknown) ? "pull_endpoint" : "pull_config",
                        unknown + " names no field of credential_schema or config_schema");
            }
        } else if (type != null) {
            for (String pullOnly : List.of("pull_endpoint", "pull_interval_seconds")) {
                if (body.containsKey(pullOnly) && body.get(pullOnly) != JsonValue.NULL) {
                    errors.add(pullOnly, "applies to pull integrations only (integration_type pull or both)");
                }
            }
            if (!pullConfig.isEmpty()) {
                errors.add("pull_config", "applies to pull integrations only (integration_type pull or both)");
            }
        }
        if (type != null && pushes) {
            if (webhookPath != null && !WEBHOOK_PATH.matcher(webhookPath).matches()) {
                errors.add("push_webhook_path", "must start with / and use letters, digits and . _ ~ - / only (at most 200 characters)");
            }
            // the rules the webhook path reads push_config by, so nothing is stored that it would refuse
            PushConfig.of(pushConfig, credentialSchemaJson).problems().forEach(errors::add);
        } else if (type != null) {
            if (webhookPath != null) {
                errors.add("push_webhook_path", "applies to push integrations only (integration_type push or both)");
            }
            if (!pushConfig.isEmpty()) {
                errors.add("push_config", "applies to push integrations only (integration_type push or both)");
            }
        }
        if (type != null && !pulls && !budget.isEmpty()) {
            errors.add("budget", "applies to pull integrations only (integration_type pull or both)");
        }
        errors.throwIfAny();
        return new IntegrationDefinition(widgetId, name.trim(), description, type, scope, credentialSchemaJson, configSchemaJson,
                pulls ? endpoint : null, pulls ? interval : null, pullConfig, pushes ? webhookPath : null, pushConfig, active, dataSchema,
                pulls ? budget : null);
    }

    /** {@code {"requests": 1000, "per": "hour"|"day"}}: what an upstream plan allows per credential set. */
    private static void checkBudget(JsonObject budget, FieldErrors errors) {
        if (budget.isEmpty()) {
            return;
        }
        for (String key : budget.keySet()) {
            if (!key.equals("requests") && !key.equals("per")) {
                errors.add("budget." + key, "is not a field of a budget (requests, per)");
            }
        }
        if (!(budget.get("requests") instanceof JsonNumber requests && requests.isIntegral() && requests.longValue() >= 1
                && requests.longValue() <= 100_000_000)) {
            errors.add("budget.requests", "is required: a whole number of upstream requests from 1 to 100000000");
        }
        if (!(budget.get("per") instanceof JsonString per && (per.getString().equals("hour") || per.getString().equals("day")))) {
            errors.add("budget.per", "must be hour or day");
        }
    }

    private void checkEndpoint(String endpoint, FieldErrors errors) {
        if (endpoint.length() > 2000) {
            errors.add("pull_endpoint", "must be at most 2000 characters");
            return;
        }
        // placeholders are filled per request; with stand-ins the rest of the URL must already be sound
        boolean hostFromPlaceholder = endpoint.startsWith("{{");
        String probe = DUMMY.matcher(endpoint).replaceAll(hostFromPlaceholder ? "https://placeholder.invalid" : "x");
        try {
            URI uri = new URI(probe);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null && hostFromPlaceholder) {
                errors.add("pull_endpoint", "must be an absolute http or https URL");
            } else if (!hostFromPlaceholder) {
                // also where java.net.URI finds no host: the check says why (e.g. 127.1 is an ambiguous address)
                destinationCheck.accept(uri);
            }
        } catch (URISyntaxException e) {
            errors.add("pull_endpoint", "is not a valid URL: " + e.getReason());
        } catch (OutboundRefused refused) {
            errors.add("pull_endpoint", refused.getMessage());
        }
    }

    private static void checkPullConfig(JsonObject config, FieldErrors errors) {
        config.forEach((key, value) -> {
            String where = "pull_config." + key;
            switch (key) {
                case "rate_limit" -> {
                    if (!(value instanceof JsonNumber n && n.isIntegral() && n.longValue() >= 1 && n.longValue() <= 100_000)) {
                        errors.add(where, "must be a whole number of upstream requests a minute (1 to 100000)");
                    }
                }
                case "timeout" -> {
                    if (!(value instanceof JsonNumber n && n.isIntegral() && n.longValue() >= 1 && n.longValue() <= MAX_PULL_TIMEOUT_MILLIS)) {
                        errors.add(where, "must be a whole number of milliseconds (1 to " + MAX_PULL_TIMEOUT_MILLIS + ")");
                    }
                }
                case "method" -> {
                    if (!(value instanceof JsonString s && List.of("GET", "POST").contains(s.getString().toUpperCase(Locale.ROOT)))) {
                        errors.add(where, "must be GET or POST");
                    }
                }
                case "query", "headers" -> {
                    if (!(value instanceof JsonObject map)) {
                        errors.add(where, "must be an object of names to text values");
                    } else {
                        map.forEach((name, text) -> {
                            if (!(text instanceof JsonString || text instanceof JsonNumber || text == JsonValue.TRUE || text == JsonValue.FALSE)) {
                                errors.add(where + "." + name, "must be text (it may hold {{credentials.x}} / {{config.x}} placeholders)");
                            }
                            if (key.equals("headers") && !HEADER_NAME.matcher(name).matches()) {
                                errors.add(where + "." + name, "is not a valid header name");
                            }
                        });
                    }
                }
                case "data_path" -> {
                    if (!(value instanceof JsonString s && (s.getString().isEmpty() || s.getString().startsWith("/")))) {
                        errors.add(where, "must be a JSON Pointer (\"\" or starting with /)");
                    }
                }
                case "format" -> {
                    if (!(value instanceof JsonString s && List.of("json", "rss").contains(s.getString()))) {
                        errors.add(where, "must be json or rss");
                    }
                }
                case "body" -> {
                    if (!(value instanceof JsonString || value instanceof JsonObject)) {
                        errors.add(where, "must be text or an object");
                    }
                }
                default -> {
                    // other keys are kept for fetchers that know them
                }
            }
        });
    }

    private static String string(JsonObject body, String key, FieldErrors errors) {
        JsonValue value = body.get(key);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonString s) {
            return s.getString();
        }
        errors.add(key, "must be a string");
        return null;
    }

    private static Integer integer(JsonObject body, String key, FieldErrors errors) {
        JsonValue value = body.get(key);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonNumber n && n.isIntegral() && n.bigDecimalValue().abs().longValue() <= Integer.MAX_VALUE) {
            return n.intValue();
        }
        errors.add(key, "must be a whole number");
        return null;
    }

    private static JsonObject object(JsonObject body, String key, FieldErrors errors) {
        JsonValue value = body.get(key);
        if (value == null || value == JsonValue.NULL) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        if (value instanceof JsonObject o) {
            return o;
        }
        errors.add(key, "must be an object");
        return JsonValue.EMPTY_JSON_OBJECT;
    }

    private static <E> E choice(JsonObject body, String key, FieldErrors errors, E[] values, java.util.function.Function<E, String> wireName) {
        JsonValue value = body.get(key);
        List<String> names = java.util.Arrays.stream(values).map(wireName).toList();
        if (value == null || value == JsonValue.NULL) {
            errors.add(key, "is required (one of " + String.join(", ", names) + ")");
            return null;
        }
        if (value instanceof JsonString s) {
            for (E candidate : values) {
                if (wireName.apply(candidate).equals(s.getString())) {
                    return candidate;
                }
            }
        }
        errors.add(key, "must be one of " + String.join(", ", names));
        return null;
    }

}
