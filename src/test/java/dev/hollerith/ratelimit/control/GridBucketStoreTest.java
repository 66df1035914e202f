package dev.hollerith.ratelimit.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.lang.reflect.Proxy;
import java.time.Duration;
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
 * The CAS bucket store over a map that behaves like the grid's JCache (values compared by
 * content, as Hazelcast compares serialised bytes). Two stores on one map stand for two instances.
 */
class GridBucketStoreTest {

    private static final BucketConfiguration TEN_PER_MINUTE = BucketConfiguration.builder()
            .addLimit(limit -> limit.capacity(10).refillGreedy(10, Duration.ofMinutes(1))).build();

    @Test
    void eleventhRequestInAMinuteIsRefusedWithWaitTime() {
        GridBucketStore store = new GridBucketStore(mapBackedCache(new ConcurrentHashMap<>()));
        for (int i = 0; i < 10; i++) {
            assertTrue(consume(store, "org-1").isConsumed());
        }
        ConsumptionProbe refused = consume(store, "org-1");
        assertFalse(refused.isConsumed());
        assertTrue(refused.getNanosToWaitForRefill() > TimeUnit.SECONDS.toNanos(1));
        assertTrue(consume(store, "org-2").isConsumed(), "another subject has its own bucket");
    }

    @Test
    void twoInstancesSpendFromOneAllowanceUnderContention() throws InterruptedException {
        Map<String, byte[]> grid = new ConcurrentHashMap<>();
        GridBucketStore instanceA = new GridBucketStore(mapBackedCache(grid));
        GridBucketStore instanceB = new GridBucketStore(mapBackedCache(grid));
        AtomicInteger allowed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 100; i++) {
            GridBucketStore store = i % 2 == 0 ? instanceA : instanceB;
            pool.submit(() -> {
                if (consume(store, "org-1").isConsumed()) {
                    allowed.incrementAndGet();
                }
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        assertEquals(10, allowed.get());
    }

    private static ConsumptionProbe consume(GridBucketStore store, String subject) {
        return store.builder().build(subject, () -> TEN_PER_MINUTE).tryConsumeAndReturnRemaining(1);
    }

    @SuppressWarnings("unchecked")
    private static Cache<String, byte[]> mapBackedCache(Map<String, byte[]> map) {
        return (Cache<String, byte[]>) Proxy.newProxyInstance(Cache.class.getClassLoader(), new Class<?>[] {Cache.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "get" -> map.get((String) args[0]);
                    case "putIfAbsent" -> map.putIfAbsent((String) args[0], (byte[]) args[1]) == null;
                    case "replace" -> replace(map, (String) args[0], (byte[]) args[1], (byte[]) args[2]);
                    case "remove" -> map.remove((String) args[0]) != null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static boolean replace(Map<String, byte[]> map, String key, byte[] expected, byte[] updated) {
        synchronized (map) {
            if (!Arrays.equals(map.get(key), expected)) {
                return false;
            }
            map.put(key, updated);
            return true;
        }
    }
}
