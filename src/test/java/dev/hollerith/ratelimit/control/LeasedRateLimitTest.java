package dev.hollerith.ratelimit.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hollerith.platform.control.RateLimited;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Instance;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import org.junit.jupiter.api.Test;

/**
 * Leased permits: two limiters on one map stand for two instances of a cluster. The limit holds across
 * both, and one instance under load touches the grid far less than once per request.
 */
class LeasedRateLimitTest {

    private final Map<String, byte[]> grid = new ConcurrentHashMap<>();
    private final AtomicInteger gridCalls = new AtomicInteger();

    @Test
    void twoInstancesTogetherNeverLetMoreThanTheLimitThrough() throws InterruptedException {
        RateLimiter a = limiter(60_000);
        RateLimiter b = limiter(60_000);
        RateLimit limit = RateLimit.perHour("webhooks", 1000);
        AtomicInteger allowed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 3000; i++) {
            RateLimiter instance = i % 2 == 0 ? a : b;
            pool.submit(() -> {
                try {
                    instance.consumeLeased(limit, "integration/config");
                    allowed.incrementAndGet();
                } catch (RateLimited refused) {
                    // over the limit
                }
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
        assertEquals(1000, allowed.get(), "every permit is spent once, none twice");
        RateLimited refused = assertThrows(RateLimited.class, () -> a.consumeLeased(limit, "integration/config"));
        assertTrue(refused.status() == 429 && refused.headers().containsKey("Retry-After"), refused.headers().toString());
    }

    @Test
    void aBusyInstanceAsksTheGridOnlyNowAndThen() {
        RateLimiter instance = limiter(60_000);
        RateLimit limit = RateLimit.perHour("webhooks", 1_000_000_000);
        for (int i = 0; i < 10_000; i++) {
            instance.consumeLeased(limit, "integration/config");
        }
        assertTrue(gridCalls.get() < 100, "grid operations for 10,000 permits: " + gridCalls.get());
    }

    @Test
    void aSmallLimitIsCountedExactly() {
        RateLimiter instance = limiter(60_000);
        RateLimit limit = RateLimit.perMinute("tiny", 3);
        for (int i = 0; i < 3; i++) {
            instance.consumeLeased(limit, "s");
        }
        assertThrows(RateLimited.class, () -> instance.consumeLeased(limit, "s"));
        instance.consumeLeased(limit, "another subject");
    }

    private RateLimiter limiter(long leaseMs) {
        RateLimiter limiter = new RateLimiter();
        limiter.leaseMs = leaseMs;
        limiter.buckets = new GridBucketStore(countingCache());
        limiter.responseHeaders = noRequest();
        return limiter;
    }

    @SuppressWarnings("unchecked")
    private static Instance<ResponseRateLimitHeaders> noRequest() {
        return (Instance<ResponseRateLimitHeaders>) Proxy.newProxyInstance(Instance.class.getClassLoader(), new Class<?>[] {Instance.class},
                (proxy, method, args) -> {
                    throw new ContextNotActiveException("no request in a unit test");
                });
    }

    @SuppressWarnings("unchecked")
    private Cache<String, byte[]> countingCache() {
        return (Cache<String, byte[]>) Proxy.newProxyInstance(Cache.class.getClassLoader(), new Class<?>[] {Cache.class},
                (proxy, method, args) -> {
                    gridCalls.incrementAndGet();
                    return switch (method.getName()) {
                        case "get" -> grid.get((String) args[0]);
                        case "putIfAbsent" -> grid.putIfAbsent((String) args[0], (byte[]) args[1]) == null;
                        case "replace" -> replace((String) args[0], (byte[]) args[1], (byte[]) args[2]);
                        default -> throw new UnsupportedOperationException(method.getName());
                    };
                });
    }

    private boolean replace(String key, byte[] expected, byte[] updated) {
        synchronized (grid) {
            if (!Arrays.equals(grid.get(key), expected)) {
                return false;
            }
            grid.put(key, updated);
            return true;
        }
    }
}
