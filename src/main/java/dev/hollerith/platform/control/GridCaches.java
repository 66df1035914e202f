package dev.hollerith.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;

/**
 * Caches in Payara's data grid (JCache on Hazelcast): shared by every instance of a cluster, so a
 * removal on one instance (a revoked key, a new data version) is seen by all. Store JDK types only:
 * the grid may hold values for members that never loaded the application's classes.
 */
@ApplicationScoped
public class GridCaches {

    @Inject
    CacheManager cacheManager;

    public <V> Cache<String, V> cache(String name, Class<V> valueType, Duration timeToLive) {
        Cache<String, V> cache = cacheManager.getCache(name, String.class, valueType);
        if (cache != null) {
            return cache;
        }
        MutableConfiguration<String, V> configuration = new MutableConfiguration<String, V>()
                .setTypes(String.class, valueType)
                .setStoreByValue(true)
                .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(
                        new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, timeToLive.toMillis())));
        try {
            return cacheManager.createCache(name, configuration);
        } catch (CacheException createdMeanwhile) {
            return cacheManager.getCache(name, String.class, valueType);
        }
    }
}
