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
import java.util.concurrent.TimeUnit;

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

    private GridBucketStore buckets;

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
        Allowance allowance = tryConsume(limit, subject);
        if (!allowance.allowed()) {
            throw new RateLimited("Rate limit exceeded: " + limit.permits() + " requests per "
                    + describe(limit.window()) + " (" + limit.name() + "); retry in " + allowance.retryAfterSeconds() + " s",
                    allowance.retryAfterSeconds(), allowance.headers());
        }
        try {
            responseHeaders.get().add(allowance);
        } catch (ContextNotActiveException outsideRequest) {
            // called from a timer or worker: there is no response to decorate
        }
    }

    /** Takes a permit if there is one; never throws. For callers that wait rather than refuse. */
    public Allowance tryConsume(RateLimit limit, String subject) {
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(bandwidth -> bandwidth.capacity(limit.permits()).refillIntervally(limit.permits(), limit.window()))
                .build();
        ConsumptionProbe probe = buckets.builder()
                .build(limit.name() + "|" + limit.permits() + "/" + limit.window().toSeconds() + "|" + subject, () -> configuration)
                .tryConsumeAndReturnRemaining(1);
        return new Allowance(limit, probe.isConsumed(), probe.getRemainingTokens(),
                ceilSeconds(probe.getNanosToWaitForRefill()), ceilSeconds(probe.getNanosToWaitForReset()));
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
