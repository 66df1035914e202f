package dev.hollerith.webhooks.control;

import dev.hollerith.platform.control.AfterCommit;
import dev.hollerith.platform.control.GridInvalidations;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Webhook URLs resolved to their {@link WebhookTarget}, in this instance's memory: a delivery costs no
 * database read and no decryption before it is stored. Any change to an integration, widget config,
 * credential or organization ({@link WebhookTargetWatch}) clears every entry on every instance
 * ({@link GridInvalidations}), at once and again after the change commits, so an entry read between
 * the change's flush and its commit does not outlive it. Entries also expire after
 * {@code hollerith.webhooks.target-cache-seconds}, a backstop for changes made behind the application's back.
 */
@ApplicationScoped
public class WebhookTargets {

    static final String CHANNEL = "webhook-targets";

    @EJB
    WebhookTargetLoader loader;

    @Inject
    GridInvalidations invalidations;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    @ConfigProperty(name = "hollerith.webhooks.target-cache-seconds", defaultValue = "300")
    long cacheSeconds;

    private record Entry(WebhookTarget target, long loadedAtNanos) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    /** Bumped by every clear: a load that started before a clear is not cached after it. */
    private final AtomicLong generation = new AtomicLong();

    @PostConstruct
    void subscribe() {
        invalidations.subscribe(CHANNEL, ignored -> clearLocally());
    }

    /** The target of a webhook URL; throws as {@link WebhookTargetLoader#load} does when there is none. */
    public WebhookTarget get(long integrationId, String widgetConfigId) {
        String key = integrationId + "/" + widgetConfigId;
        Entry entry = entries.get(key);
        long now = System.nanoTime();
        if (entry != null && now - entry.loadedAtNanos() < TimeUnit.SECONDS.toNanos(cacheSeconds)) {
            return entry.target();
        }
        long before = generation.get();
        WebhookTarget target = loader.load(integrationId, widgetConfigId);
        if (generation.get() == before) {
            if (entries.size() > 100_000) {
                entries.clear();
            }
            entries.put(key, new Entry(target, now));
            if (generation.get() != before) {
                entries.remove(key);
            }
        }
        return target;
    }

    /** Something a target is made of changed: every instance forgets every target, now and after the commit. */
    public void changed() {
        AfterCommit.nowAndAfterCommit(transactions, () -> invalidations.publish(CHANNEL, ""));
    }

    void clearLocally() {
        generation.incrementAndGet();
        entries.clear();
    }
}
