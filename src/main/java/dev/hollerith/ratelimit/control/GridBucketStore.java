package dev.hollerith.ratelimit.control;

import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AbstractCompareAndSwapBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AsyncCompareAndSwapOperation;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.CompareAndSwapOperation;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.cache.Cache;

/**
 * Bucket4j buckets kept in a data-grid JCache as plain {@code byte[]} and updated by
 * compare-and-swap ({@code putIfAbsent} / {@code replace(key, old, new)}). Bucket4j's own JCache
 * backend runs entry processors inside the grid, which would need the application's classes on
 * every grid member; with CAS the grid only ever stores bytes, and the algorithm stays Bucket4j's.
 */
class GridBucketStore extends AbstractCompareAndSwapBasedProxyManager<String> {

    private final Cache<String, byte[]> cache;

    GridBucketStore(Cache<String, byte[]> cache) {
        super(ClientSideConfig.getDefault());
        this.cache = cache;
    }

    @Override
    protected CompareAndSwapOperation beginCompareAndSwapOperation(String key) {
        return new CompareAndSwapOperation() {
            @Override
            public Optional<byte[]> getStateData(Optional<Long> timeoutNanos) {
                return Optional.ofNullable(cache.get(key));
            }

            @Override
            public boolean compareAndSwap(byte[] original, byte[] updated, RemoteBucketState state, Optional<Long> timeoutNanos) {
                return original == null ? cache.putIfAbsent(key, updated) : cache.replace(key, original, updated);
            }
        };
    }

    @Override
    protected AsyncCompareAndSwapOperation beginAsyncCompareAndSwapOperation(String key) {
        throw new UnsupportedOperationException("Hollerith uses the synchronous bucket API only");
    }

    @Override
    public boolean isAsyncModeSupported() {
        return false;
    }

    @Override
    public void removeProxy(String key) {
        cache.remove(key);
    }

    @Override
    protected CompletableFuture<Void> removeAsync(String key) {
        return CompletableFuture.runAsync(() -> cache.remove(key));
    }
}
