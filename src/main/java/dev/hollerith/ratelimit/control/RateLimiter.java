package dev.hollerith.ratelimit.control;

import dev.hollerith.platform.control.GridCaches;
import dev.hollerith.platform.control.RateLimited;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Cluster-wide rate limits: token buckets (Bucket4j) per limit and subject, refilled whole at the
 * end of each window so that "N per minute" never lets N+1 through within a minute, kept in
 * the data grid so that every instance spends from the same allowance.
 */
@ApplicationScoped
public class RateLimiter {

    @Inject
    GridCaches caches;

    @Inject
    Instance<ResponseRateLimitHeaders> responseHeaders;

    /**
     * Unspent leased permits are lost when their lease ends (they were taken from the cluster-wide
     * bucket, so they can never be given back safely). A lease of a second lost a few permits on every
     * pause of a slow sender, and a serial sender on a busy machine got a 429 well before the limit;
     * a minute loses them only when an instance stops sending for that long, and the chunk then shrinks.
     */
    @Inject
    @ConfigProperty(name = "hollerith.ratelimit.lease-ms", defaultValue = "60000")
    long leaseMs;

    /** Package-visible for tests, which put the buckets in a map that stands for the grid. */
    GridBucketStore buckets;
    private final Map<String, Lease> leases = new ConcurrentHashMap<>();

    @PostConstruct
    void open() {
        // a bucket left alone for a day is full again anyway: forget it
        buckets = new GridBucketStore(caches.cacheExpiringAfterWrite("hollerith-rate-limits", byte[].class, Duration.ofDays(1)));
    }

    /**
     * Takes one permit of {@code limit} for {@code subject} (e.g. an organization id). Over the
     * limit it throws {@link RateLimited} (429 with Retry-After and the RateLimit headers); under
     * it the RateLimit headers are added to the current response.
     */
    public void consume(RateLimit limit, String subject) {
        enforce(limit, tryConsume(limit, subject));
    }

    private void enforce(RateLimit limit, Allowance allowance) {
        refuseOver(limit, allowance);
        sendHeaders(allowance);
    }

    private static void refuseOver(RateLimit limit, Allowance allowance) {
        if (!allowance.allowed()) {
            throw new RateLimited("Rate limit exceeded: " + limit.permits() + " requests per "
                    + describe(limit.window()) + " (" + limit.name() + "); retry in " + allowance.retryAfterSeconds() + " s",
                    allowance.retryAfterSeconds(), allowance.headers());
        }
    }

    /** Adds the allowance's RateLimit headers to the current response (none outside a request). */
    public void sendHeaders(Allowance allowance) {
        try {
            responseHeaders.get().add(allowance);
        } catch (ContextNotActiveException outsideRequest) {
            // called from a timer or worker: there is no response to decorate
        }
    }

    /**
     * As {@link #consume}, for hot paths: permits are taken from the cluster-wide bucket in chunks
     * ({@link Lease}) and spent here, so most calls cost no grid round trip. The cluster still never
     * lets more than the limit through; an instance may refuse slightly early while another one
     * holds unspent permits (at most 1/64 of the limit each). The RateLimit headers are added to the
     * current response; see {@link #takeLeased} for a caller that sends them itself.
     */
    public void consumeLeased(RateLimit limit, String subject) {
        sendHeaders(takeLeased(limit, subject));
    }

    /**
     * As {@link #consumeLeased}, but the caller sends the allowance's headers ({@link #sendHeaders} or its own
     * way): the request-scoped bean that collects them for JAX-RS, created on first use in every request, was
     * an eighth of a webhook delivery's request-thread CPU (docs/webhooks.md "What the profile showed").
     */
    public Allowance takeLeased(RateLimit limit, String subject) {
        String key = bucketKey(limit, subject);
        if (leases.size() > 100_000) {
            leases.clear(); // a flood of subjects: forgetting leases only wastes their unspent permits
        }
        Lease lease = leases.computeIfAbsent(key, k -> new Lease(Math.min(1000, limit.permits() / 64), TimeUnit.MILLISECONDS.toNanos(leaseMs)));
        Allowance allowance;
        synchronized (lease) {
            long now = System.nanoTime();
            if (lease.tryTake(now)) {
                allowance = new Allowance(limit, true, lease.remainingEstimate(), 0, lease.secondsToReset(now));
            } else {
                long wanted = lease.nextChunk(now);
                ConsumptionProbe probe = bucket(limit, key).tryConsumeAndReturnRemaining(wanted);
                long taken = wanted;
                if (!probe.isConsumed() && wanted > 1 && probe.getRemainingTokens() > 0) {
                    taken = Math.min(wanted, probe.getRemainingTokens());
                    probe = bucket(limit, key).tryConsumeAndReturnRemaining(taken);
                }
                if (probe.isConsumed()) {
                    lease.filled(taken, now, probe.getNanosToWaitForReset(), probe.getRemainingTokens());
                }
                allowance = new Allowance(limit, probe.isConsumed(), probe.isConsumed() ? lease.remainingEstimate() : probe.getRemainingTokens(),
                        ceilSeconds(probe.getNanosToWaitForRefill()), ceilSeconds(probe.getNanosToWaitForReset()));
            }
        }
        refuseOver(limit, allowance);
        return allowance;
    }

    /** Takes a permit if there is one; never throws. For callers that wait rather than refuse. */
    public Allowance tryConsume(RateLimit limit, String subject) {
        String key = bucketKey(limit, subject);
        ConsumptionProbe probe = bucket(limit, key).tryConsumeAndReturnRemaining(1);
        return new Allowance(limit, probe.isConsumed(), probe.getRemainingTokens(),
                ceilSeconds(probe.getNanosToWaitForRefill()), ceilSeconds(probe.getNanosToWaitForReset()));
    }

    private static String bucketKey(RateLimit limit, String subject) {
        return limit.name() + "|" + limit.permits() + "/" + limit.window().toSeconds() + "|" + subject;
    }

    private io.github.bucket4j.Bucket bucket(RateLimit limit, String key) {
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(bandwidth -> bandwidth.capacity(limit.permits()).refillIntervally(limit.permits(), limit.window()))
                .build();
        return buckets.builder().build(key, () -> configuration);
    }

    private static long ceilSeconds(long nanos) {
        return nanos <= 0 ? 0 : (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
    }

    private static String describe(Duration window) {
        if (window.equals(Duration.ofMinutes(1))) {
            return "minute";
        }
        if (window.equals(Duration.ofHours(1))) {
            return "hour";
        }
        return window.toSeconds() + " s";
    }
}
