package dev.hollerith.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.Factory;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;

/**
 * Caches in Payara's data grid (JCache on Hazelcast): shared by every instance of a cluster, so a
 * removal on one instance (a revoked key, a new data version) is seen by all. Store JDK types only:
 * the grid may hold values for members that never loaded the application's classes.
 */
@ApplicationScoped
public class GridCaches {

    @Inject
    CacheManager cacheManager;

    /** Entries live {@code timeToLive} from their creation. */
    public <V> Cache<String, V> cache(String name, Class<V> valueType, Duration timeToLive) {
        return cache(name, valueType, CreatedExpiryPolicy.factoryOf(toJCache(timeToLive)));
    }

    /** Entries live {@code idle} after their last write: for state that stays relevant while it changes. */
    public <V> Cache<String, V> cacheExpiringAfterWrite(String name, Class<V> valueType, Duration idle) {
        return cache(name, valueType, ModifiedExpiryPolicy.factoryOf(toJCache(idle)));
    }

    private static javax.cache.expiry.Duration toJCache(Duration duration) {
        return new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, duration.toMillis());
    }

    private <V> Cache<String, V> cache(String name, Class<V> valueType, Factory<? extends ExpiryPolicy> expiry) {
        Cache<String, V> cache = cacheManager.getCache(name, String.class, valueType);
        if (cache != null) {
            return cache;
        }
        MutableConfiguration<String, V> configuration = new MutableConfiguration<String, V>()
                .setTypes(String.class, valueType)
                .setStoreByValue(true)
                .setExpiryPolicyFactory(expiry);
        try {
            return cacheManager.createCache(name, configuration);
        } catch (CacheException createdMeanwhile) {
            return cacheManager.getCache(name, String.class, valueType);
        }
    }
}
