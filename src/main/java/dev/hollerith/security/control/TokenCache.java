package dev.hollerith.security.control;

import dev.hollerith.crypto.control.MasterKeyring;
import dev.hollerith.platform.control.AfterCommit;
import dev.hollerith.platform.control.GridCaches;
import dev.hollerith.platform.control.GridInvalidations;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.cache.Cache;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Remembers verified tokens so that bcrypt (tens of milliseconds by design) runs once per key and
 * cache period, not per request. Entries are keyed by the token's public id; the grid's hold an
 * HMAC of the token, never the token. Two levels: a map in this process (the player path polls all day,
 * and a grid read is a round trip even on one node) and the data grid (a token verified on one
 * instance is not bcrypt-checked again on another). {@link #evict} (revocation, logout) clears
 * both on every instance through {@link GridInvalidations}, again after the revoking transaction
 * commits, so a request racing the revocation cannot put the old answer back.
 */
@ApplicationScoped
public class TokenCache {

    static final String CHANNEL = "token";

    @Inject
    GridCaches caches;

    @Inject
    MasterKeyring keyring;

    @Inject
    GridInvalidations invalidations;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    @ConfigProperty(name = "hollerith.auth.cache-seconds", defaultValue = "60")
    long cacheSeconds;

    private static final long GRACE_NANOS = 5_000_000_000L;

    /**
     * In this process the token's secret itself is compared (in constant time): an HMAC per request
     * was a tenth of a player's 304. The grid, which other processes read, holds only the HMAC.
     */
    private record Verified(byte[] secret, Caller caller, long expiresAt) {
    }

    private final Map<String, Verified> local = new ConcurrentHashMap<>();
    private Cache<String, String> grid;
    private byte[] hmacKey;
    private ThreadLocal<Mac> macs;

    @PostConstruct
    void open() {
        grid = caches.cache("hollerith-verified-tokens", String.class, Duration.ofSeconds(cacheSeconds));
        hmacKey = keyring.derive("verified-token-cache");
        macs = ThreadLocal.withInitial(this::newMac);
        invalidations.subscribe(CHANNEL, local::remove);
    }

    /** For unit tests: process memory only. */
    void openLocal(byte[] key, long seconds) {
        hmacKey = key;
        cacheSeconds = seconds;
        macs = ThreadLocal.withInitial(this::newMac);
    }

    public Optional<Caller> find(BearerToken token) {
        byte[] secret = secret(token);
        String key = token.cacheKey();
        Verified known = local.get(key);
        if (known != null && MessageDigest.isEqual(known.secret, secret)) {
            long now = System.nanoTime();
            // expired: one request checks the token again, the others go on meanwhile (a revocation
            // does not wait for expiry: it removes the entry everywhere)
            if (now - known.expiresAt < 0 || !local.replace(key, known, new Verified(secret, known.caller, now + GRACE_NANOS))) {
                return Optional.of(known.caller);
            }
        }
        if (grid == null) {
            return Optional.empty();
        }
        String entry = grid.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        int tab = entry.indexOf('\t');
        if (!MessageDigest.isEqual(Base64.getDecoder().decode(entry.substring(0, tab)), fingerprint(token))) {
            return Optional.empty();
        }
        Caller caller = Caller.decode(entry.substring(tab + 1));
        keepLocally(key, secret, caller);
        return Optional.of(caller);
    }

    public void remember(BearerToken token, Caller caller) {
        keepLocally(token.cacheKey(), secret(token), caller);
        if (grid != null) {
            grid.put(token.cacheKey(), Base64.getEncoder().encodeToString(fingerprint(token)) + "\t" + caller.encode());
        }
    }

    /** True when this instance verified this very token (even if that has expired since). */
    public boolean verifiedBefore(BearerToken token) {
        Verified known = local.get(token.cacheKey());
        return known != null && MessageDigest.isEqual(known.secret, secret(token));
    }

    /** The fingerprint as text, for remembering refused tokens without their secret. */
    public String fingerprintText(BearerToken token) {
        return Base64.getEncoder().encodeToString(fingerprint(token));
    }

    /** The token was checked and refused: if this instance remembered this very token, it forgets it (another token of the id stays). */
    public void refused(BearerToken token) {
        Verified known = local.get(token.cacheKey());
        if (known != null && MessageDigest.isEqual(known.secret, secret(token))) {
            local.remove(token.cacheKey(), known);
        }
    }

    public void evict(BearerToken.Kind kind, String id) {
        String key = new BearerToken(kind, id, "").cacheKey();
        AfterCommit.nowAndAfterCommit(transactions, () -> forget(key));
    }

    private void forget(String key) {
        local.remove(key);
        if (grid != null) {
            grid.remove(key);
            invalidations.publish(CHANNEL, key);
        }
    }

    private void keepLocally(String key, byte[] secret, Caller caller) {
        long now = System.nanoTime();
        if (local.size() > 100_000) {
            // only verified tokens get here, so this is many real keys and sessions, not an attack: drop the expired ones
            local.values().removeIf(v -> now - v.expiresAt >= 0);
        }
        local.put(key, new Verified(secret, caller, now + Duration.ofSeconds(cacheSeconds).toNanos()));
    }

    private static byte[] secret(BearerToken token) {
        return token.secret().getBytes(StandardCharsets.US_ASCII);
    }

    /** HMAC of the whole token; one {@link Mac} per thread, as {@code Mac.getInstance} costs more than the hash. */
    byte[] fingerprint(BearerToken token) {
        Mac mac = macs.get();
        return mac.doFinal(token.toString().getBytes(StandardCharsets.UTF_8));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(hmacKey, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
