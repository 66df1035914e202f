package dev.hollerith.widgetdata.control;

import dev.hollerith.integrations.control.Integrations;
import dev.hollerith.integrations.entity.WidgetIntegration;
import dev.hollerith.widgetdata.entity.IntegrationData;
import dev.hollerith.widgets.control.WidgetConfigs;
import dev.hollerith.widgets.entity.WidgetConfig;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The database side of the player read path: what the caches fall back to. */
@Stateless
public class WidgetDataReader {

    @EJB
    WidgetConfigs configs;

    @EJB
    Integrations integrations;

    @EJB
    IntegrationDataRows rows;

    @Inject
    Event<DataBound> bound;

    @Inject
    PinnedVersions pins;

    @Inject
    VersionLog log;

    /** Data older than this many pull intervals is reported as {@code stale} (the pull engine is behind or paused). */
    @Inject
    @ConfigProperty(name = "hollerith.widgetdata.stale-after-intervals", defaultValue = "3")
    long staleAfterIntervals;

    /**
     * The data a config reads: the first active integration of its widget (by id) and the
     * discriminator of its options. Empty when the config does not exist.
     */
    public Optional<DataBinding> bind(String widgetConfigId) {
        Optional<WidgetConfig> config = configs.find(widgetConfigId);
        if (config.isEmpty()) {
            return Optional.empty();
        }
        Optional<WidgetIntegration> integration = integrations.activeOfWidget(config.get().widgetId()).stream().findFirst();
        if (integration.isEmpty()) {
            return Optional.of(new DataBinding(config.get().organizationId(), 0, null));
        }
        bound.fire(new DataBound(integration.get(), config.get()));
        return Optional.of(new DataBinding(config.get().organizationId(), integration.get().id(),
                Discriminator.of(integration.get(), config.get())));
    }

    public OptionalLong version(long integrationId, String discriminator) {
        return rows.find(integrationId, discriminator).filter(IntegrationData::hasData)
                .map(row -> OptionalLong.of(row.version())).orElse(OptionalLong.empty());
    }

    public Optional<DataView> read(long integrationId, String discriminator) {
        Optional<IntegrationData> row = rows.find(integrationId, discriminator).filter(IntegrationData::hasData);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        IntegrationData data = row.get();
        OptionalLong pin = pins.version(DataKey.of(integrationId, discriminator));
        Optional<StoredVersion> pinned = pin.isPresent() ? log.find(new DataKey(integrationId, discriminator), pin.getAsLong()) : Optional.empty();
        if (pinned.isPresent()) {
            try (JsonReader reader = DataView.JSON.createReader(new StringReader(pinned.get().json()))) {
                return Optional.of(new DataView(reader.readValue(), pinned.get().version(), pinned.get().receivedAt(),
                        status(data, integrationId), data.errorMessage(), true));
            }
        }
        try (JsonReader reader = DataView.JSON.createReader(new StringReader(data.data()))) {
            return Optional.of(new DataView(reader.readValue(), data.version(), data.fetchedAt(),
                    status(data, integrationId), data.errorMessage()));
        }
    }

    private String status(IntegrationData data, long integrationId) {
        if (data.status() != IntegrationData.Status.SUCCESS || data.fetchedAt() == null) {
            return data.status().apiName();
        }
        Integer interval = integrations.find(integrationId).filter(WidgetIntegration::supportsPull)
                .map(WidgetIntegration::pullIntervalSeconds).orElse(null);
        if (interval != null && interval > 0 && data.fetchedAt().isBefore(Instant.now().minus(staleAfter(interval)))) {
            return IntegrationData.Status.STALE.apiName();
        }
        return data.status().apiName();
    }

    /**
     * The data of active pull integrations whose last good fetch is older than the stale rule allows (the
     * same rule as {@code status: stale}), whatever its status: for the "data.stale" alert.
     */
    public List<StaleData> stale(Instant now) {
        List<StaleData> stale = new ArrayList<>();
        for (WidgetIntegration integration : integrations.activePulling()) {
            Integer interval = integration.pullIntervalSeconds();
            if (interval == null || interval <= 0) {
                continue;
            }
            Duration after = staleAfter(interval);
            rows.fetchedBefore(integration.id(), now.minus(after)).forEach(row -> stale.add(
                    new StaleData(row.organizationId(), integration.id(), row.discriminator(), row.fetchedAt(), after)));
        }
        return stale;
    }

    /** The one stale rule: {@code hollerith.widgetdata.stale-after-intervals} pull intervals without a good fetch. */
    private Duration staleAfter(int intervalSeconds) {
        return Duration.ofSeconds((long) intervalSeconds * Math.max(1, staleAfterIntervals));
    }
}
