package dev.hollerith.webhooks.control;

import dev.hollerith.platform.control.GridCaches;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import javax.cache.Cache;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Remembers accepted Standard Webhooks ids per webhook URL (integration + widget config). The grid
 * answers "first sighting?" atomically for the whole cluster; the delivery log (unique replay key)
 * remembers across restarts. An id need only be remembered as long as its timestamp is inside the
 * tolerance: after that the timestamp check refuses the delivery anyway.
 */
@ApplicationScoped
public class ReplayGuard {

    @Inject
    GridCaches caches;

    @EJB
    Deliveries deliveries;

    @Inject
    @ConfigProperty(name = "hollerith.webhooks.timestamp-tolerance-seconds", defaultValue = "300")
    long toleranceSeconds;

    private Cache<String, String> seen;

    @PostConstruct
    void open() {
        // ± tolerance around the sender's clock, plus a minute for our own clock's drift
        seen = caches.cache("hollerith-webhook-ids", String.class, Duration.ofSeconds(2 * toleranceSeconds + 60));
    }

    /** How far a sender's timestamp may be from ours, and how long a byte-identical re-send counts as a replay: one setting. */
    public Duration tolerance() {
        return Duration.ofSeconds(toleranceSeconds);
    }

    public static String key(long integrationId, String widgetConfigId, String webhookId) {
        return integrationId + "/" + widgetConfigId + "/" + webhookId;
    }

    /** True once per key: the caller owns the id until it {@link #release}s it or stores its delivery. */
    public boolean claim(String key) {
        if (!seen.putIfAbsent(key, "claimed")) {
            return false;
        }
        return !deliveries.acceptedBefore(key);
    }

    /** The delivery was not stored after all: a retry with the same id must be accepted. */
    public void release(String key) {
        seen.remove(key);
    }
}
