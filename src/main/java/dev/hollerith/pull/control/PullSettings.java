package dev.hollerith.pull.control;

import dev.hollerith.integrations.control.Integrations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The pull engine's configuration keys (README "Widget data, SSE and the pull engine"). */
@ApplicationScoped
public class PullSettings {

    @Inject
    @ConfigProperty(name = "hollerith.pull.enabled", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "hollerith.pull.tick-ms", defaultValue = "1000")
    long tickMs;

    @Inject
    @ConfigProperty(name = "hollerith.pull.concurrency", defaultValue = "256")
    int concurrency;

    @Inject
    @ConfigProperty(name = "hollerith.pull.lookahead-ms", defaultValue = "2000")
    long lookaheadMs;

    @Inject
    @ConfigProperty(name = "hollerith.pull.interval-jitter", defaultValue = "0.05")
    double intervalJitter;

    @Inject
    @ConfigProperty(name = "hollerith.pull.record-batch", defaultValue = "500")
    int recordBatch;

    @Inject
    @ConfigProperty(name = "hollerith.pull.lease-seconds", defaultValue = "120")
    long leaseSeconds;

    @Inject
    @ConfigProperty(name = "hollerith.pull.default-interval-seconds", defaultValue = "300")
    long defaultIntervalSeconds;

    /** The minimum interval is the integrations' rule (they refuse shorter ones on write); asked once. */
    @Inject
    Integrations integrations;

    private volatile long minIntervalSeconds;

    @Inject
    @ConfigProperty(name = "hollerith.pull.default-timeout-ms", defaultValue = "10000")
    long defaultTimeoutMs;

    @Inject
    @ConfigProperty(name = "hollerith.pull.backoff-base-seconds", defaultValue = "30")
    long backoffBaseSeconds;

    @Inject
    @ConfigProperty(name = "hollerith.pull.backoff-max-seconds", defaultValue = "3600")
    long backoffMaxSeconds;

    @Inject
    @ConfigProperty(name = "hollerith.pull.backoff-jitter", defaultValue = "0.2")
    double backoffJitter;

    @Inject
    @ConfigProperty(name = "hollerith.pull.reconcile-seconds", defaultValue = "60")
    long reconcileSeconds;

    public boolean enabled() {
        return enabled;
    }

    public Duration tick() {
        return Duration.ofMillis(Math.max(50, tickMs));
    }

    /** Pulls leased and not yet recorded at once (in flight, or waiting for their due time): the non-blocking client needs no thread for them. */
    public int concurrency() {
        return Math.max(1, concurrency);
    }

    /** How far ahead jobs are leased, so each starts at its due time rather than at the next tick; at least one tick. */
    public Duration lookahead() {
        return Duration.ofMillis(Math.max(tick().toMillis(), lookaheadMs));
    }

    /** A random share of the interval (0..this) added after a success, so that jobs once due together drift apart. */
    public double intervalJitter() {
        return Math.max(0, Math.min(0.5, intervalJitter));
    }

    /** Most outcomes written in one transaction. */
    public int recordBatch() {
        return Math.max(1, recordBatch);
    }

    public Duration lease() {
        return Duration.ofSeconds(Math.max(5, leaseSeconds));
    }

    /** The integration's pull_interval_seconds, or the default, never below the floor. */
    public Duration interval(Integer pullIntervalSeconds) {
        long seconds = pullIntervalSeconds == null || pullIntervalSeconds <= 0 ? defaultIntervalSeconds : pullIntervalSeconds;
        if (minIntervalSeconds == 0) {
            minIntervalSeconds = integrations.minPullIntervalSeconds();
        }
        return Duration.ofSeconds(Math.max(minIntervalSeconds, seconds));
    }

    public Duration defaultTimeout() {
        return Duration.ofMillis(Math.max(100, defaultTimeoutMs));
    }

    public Backoff backoff() {
        return new Backoff(Duration.ofSeconds(Math.max(1, backoffBaseSeconds)), Duration.ofSeconds(Math.max(1, backoffMaxSeconds)),
                Math.max(0, Math.min(1, backoffJitter)));
    }

    public Duration reconcile() {
        return Duration.ofSeconds(Math.max(1, reconcileSeconds));
    }
}
