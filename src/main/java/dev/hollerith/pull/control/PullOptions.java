package dev.hollerith.pull.control;

import dev.hollerith.integrations.control.PullRequestTemplate;
import dev.hollerith.integrations.entity.WidgetIntegration;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Optional;

/**
 * What the pull engine reads from an integration beyond the request itself (API.md "pull_config"):
 * whether it can be pulled, {@code rate_limit} (upstream requests a minute), {@code data_path}
 * (a JSON Pointer) and whether the answer is a feed.
 */
public record PullOptions(boolean pullable, Optional<Long> rateLimitPerMinute, Optional<String> dataPath, boolean feed) {

    public static PullOptions of(WidgetIntegration integration) {
        JsonObject config = integration.pullConfig();
        boolean pullable = integration.isActive() && integration.supportsPull()
                && (integration.pullEndpoint() != null && !integration.pullEndpoint().isBlank() || integration.usesRssFetcher());
        return new PullOptions(pullable, positive(config.get("rate_limit")),
                config.get("data_path") instanceof JsonString path && !path.getString().isEmpty() ? Optional.of(path.getString()) : Optional.empty(),
                PullRequestTemplate.of(integration).isFeed());
    }

    public static boolean isPullable(WidgetIntegration integration) {
        return of(integration).pullable();
    }

    private static Optional<Long> positive(JsonValue value) {
        if (value instanceof JsonNumber number && number.longValue() > 0) {
            return Optional.of(number.longValue());
        }
        return Optional.empty();
    }
}
