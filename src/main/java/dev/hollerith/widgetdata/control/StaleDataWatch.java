package dev.hollerith.widgetdata.control;

import dev.hollerith.alerts.control.AlertType;
import dev.hollerith.alerts.control.Alerts;
import dev.hollerith.platform.control.Periodic;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * "data.stale": data of a pull integration whose last good fetch is older than
 * {@code hollerith.widgetdata.stale-after-intervals} pull intervals (the rule of {@link WidgetDataReader}). It
 * lives beside the rule and reports through the {@link Alerts} facade, so alerting needs nothing of widget data.
 * Staleness comes with time, not with an event, so every instance looks every
 * {@code hollerith.alerts.stale-check-seconds}: it opens the alert of each stale key (the unique open key
 * lets one instance win when two look at once) and resolves open ones whose data is fresh again (a
 * conditional UPDATE, so only one instance sends "resolved"). A new version of an alerted key resolves its
 * alert at once, without waiting for the next look; a pull that only confirms unchanged data is noticed then.
 */
@ApplicationScoped
public class StaleDataWatch {

    private static final Logger LOG = Logger.getLogger(StaleDataWatch.class.getName());

    @Inject
    Periodic periodic;

    @Resource
    ManagedExecutorService executor;

    @EJB
    WidgetDataReader reader;

    @Inject
    Alerts alerts;

    @Inject
    @ConfigProperty(name = "hollerith.alerts.stale-check-seconds", defaultValue = "10")
    long checkSeconds;

    /** Data key → organization of the stale alerts this instance saw open at its last look: a set lookup per new version. */
    private final Map<String, String> alerted = new ConcurrentHashMap<>();
    private ScheduledFuture<?> check;

    @PostConstruct
    void start() {
        long every = Math.max(1, checkSeconds);
        check = periodic.every(Duration.ofSeconds(every), this::check);
    }

    @PreDestroy
    void stop() {
        check.cancel(false);
    }

    /** Eager: the look must run although nothing ever asks for this bean. */
    void startWithTheApplication(@Observes @Initialized(ApplicationScoped.class) Object started) {
        alerted.size();
    }

    void check() {
        try {
            Instant now = Instant.now();
            Map<String, StaleData> stale = new HashMap<>();
            for (StaleData data : reader.stale(now)) {
                if (data.organizationId() != null) {
                    stale.put(conditionOf(data.organizationId(), data.dataKey()), data);
                }
            }
            Map<String, String> open = new HashMap<>();
            for (Alerts.OpenCondition alert : alerts.open(AlertType.DATA_STALE)) {
                String condition = conditionOf(alert.organizationId(), alert.conditionKey());
                if (stale.remove(condition) != null) {
                    open.put(alert.conditionKey(), alert.organizationId());
                } else {
                    alerts.resolve(alert.organizationId(), AlertType.DATA_STALE, alert.conditionKey());
                }
            }
            for (StaleData data : stale.values()) {
                alerts.raise(data.organizationId(), AlertType.DATA_STALE, data.dataKey(), data.integrationId(), null,
                        "The data of integration " + data.integrationId() + " was last fetched at "
                                + data.fetchedAt().truncatedTo(ChronoUnit.SECONDS) + ", more than " + data.staleAfter().toSeconds()
                                + " s ago (" + data.discriminator() + ")");
                open.put(data.dataKey(), data.organizationId());
            }
            alerted.keySet().retainAll(open.keySet());
            alerted.putAll(open);
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "Stale data check failed: {0}", failed.toString());
        }
    }

    /** A new version was committed here: if its key was alerted as stale, it is fresh again. */
    void published(@Observes(during = TransactionPhase.AFTER_SUCCESS) DataPublished event) {
        String key = DataKey.of(event.integrationId(), event.discriminator());
        String organizationId = alerted.remove(key);
        if (organizationId != null) {
            // off the writer's thread: resolving is a transaction and possibly a send
            executor.execute(() -> alerts.resolve(organizationId, AlertType.DATA_STALE, key));
        }
    }

    private static String conditionOf(String organizationId, String dataKey) {
        return organizationId + "|" + dataKey;
    }
}
