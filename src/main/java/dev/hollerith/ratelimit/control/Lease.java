package dev.hollerith.ratelimit.control;

/**
 * Permits this instance took from a cluster-wide bucket ahead of need, to spend without a grid round
 * trip each. Taken in chunks that double while they are used up within their lifetime and halve when
 * they are not, from 1 up to {@code maxChunk}; a chunk lives until the bucket's window ends (never
 * into the next window) and at most {@code maxLifeNanos}. Unspent permits are not given back, so the
 * cluster never lets more through than the limit; an instance can only refuse a little early, by
 * the permits other instances still hold (at most one chunk each).
 */
final class Lease {

    private final long maxChunk;
    private final long maxLifeNanos;
    private long remaining;
    private long expiresAtNanos;
    private long chunk = 1;
    private long gridRemaining;
    private long resetAtNanos;

    Lease(long maxChunk, long maxLifeNanos) {
        this.maxChunk = Math.max(1, maxChunk);
        this.maxLifeNanos = maxLifeNanos;
    }

    /** Takes a local permit if one is left; the caller refills from the grid otherwise. */
    synchronized boolean tryTake(long now) {
        if (remaining > 0 && now < expiresAtNanos) {
            remaining--;
            return true;
        }
        return false;
    }

    /** How many permits to ask the grid for now, adapting the chunk to how the last one was spent. */
    synchronized long nextChunk(long now) {
        if (expiresAtNanos != 0) {
            if (remaining == 0 && now < expiresAtNanos) {
                chunk = Math.min(maxChunk, chunk * 2);
            } else if (remaining > 0) {
                chunk = Math.max(1, chunk / 2);
            }
        }
        remaining = 0;
        return chunk;
    }

    /** {@code taken} permits came from the grid, one of them spent by the caller right away. */
    synchronized void filled(long taken, long now, long nanosToReset, long gridRemainingAfter) {
        remaining = taken - 1;
        expiresAtNanos = now + Math.max(0, Math.min(maxLifeNanos, nanosToReset));
        gridRemaining = gridRemainingAfter;
        resetAtNanos = now + Math.max(0, nanosToReset);
    }

    synchronized long remainingEstimate() {
        return remaining + gridRemaining;
    }

    synchronized long secondsToReset(long now) {
        long nanos = resetAtNanos - now;
        return nanos <= 0 ? 0 : (nanos + 999_999_999L) / 1_000_000_000L;
    }
}
