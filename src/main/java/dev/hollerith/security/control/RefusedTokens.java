package dev.hollerith.security.control;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wrong secrets are refused cheaply. Checking an API key is a bcrypt (170–280 ms of CPU) and an
 * unknown id is checked against a dummy hash for the same time, so without this anyone could burn a
 * core per request, and a known id would still have to cost the same as an unknown one. A token
 * refused once is refused again from memory for {@code window} (a player configured with a wrong
 * or revoked key repeats it all day). After {@code limit} failures of one id within the window,
 * further tokens of that id are refused without any hash too, unless this instance verified that
 * very token before: the same answer, the same time, known id or not.
 */
public final class RefusedTokens {

    private record Failures(int count, long since) {
    }

    private final int limit;
    private final long windowNanos;
    private final int capacity;
    private final Map<String, Failures> byId = new ConcurrentHashMap<>();
    private final Map<String, Long> refusedFingerprints = new ConcurrentHashMap<>();

    public RefusedTokens(int limit, long windowMillis, int capacity) {
        this.limit = Math.max(1, limit);
        this.windowNanos = windowMillis * 1_000_000L;
        this.capacity = capacity;
    }

    /** True when the id has failed too often lately: refuse without checking the secret. */
    public boolean refusesAtOnce(String cacheKey) {
        Failures failures = byId.get(cacheKey);
        if (failures == null) {
            return false;
        }
        if (System.nanoTime() - failures.since >= windowNanos) {
            byId.remove(cacheKey, failures);
            return false;
        }
        return failures.count >= limit;
    }

    /** True when this very token (by its fingerprint) was refused lately: a client repeating a wrong key costs no hash. */
    public boolean refusedBefore(String fingerprint) {
        Long since = refusedFingerprints.get(fingerprint);
        if (since == null) {
            return false;
        }
        if (System.nanoTime() - since >= windowNanos) {
            refusedFingerprints.remove(fingerprint, since);
            return false;
        }
        return true;
    }

    public void failed(String cacheKey, String fingerprint) {
        long now = System.nanoTime();
        if (refusedFingerprints.size() >= capacity) {
            refusedFingerprints.values().removeIf(since -> now - since >= windowNanos);
        }
        if (refusedFingerprints.size() < capacity) {
            refusedFingerprints.put(fingerprint, now);
        }
        if (byId.size() >= capacity) {
            byId.values().removeIf(f -> now - f.since >= windowNanos);
        }
        byId.merge(cacheKey, new Failures(1, now),
                (old, one) -> now - old.since >= windowNanos ? one : new Failures(old.count + 1, old.since));
    }
}
