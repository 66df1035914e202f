package dev.hollerith.widgetdata.control;

import java.time.Duration;
import java.time.Instant;

/** Data whose last good fetch is older than {@code staleAfter} (stale-after-intervals pull intervals). */
public record StaleData(String organizationId, long integrationId, String discriminator, Instant fetchedAt, Duration staleAfter) {

    public String dataKey() {
        return DataKey.of(integrationId, discriminator);
    }
}
