package dev.hollerith.security.control;

import dev.hollerith.crypto.control.MasterKeyring;
import dev.hollerith.platform.control.GridCaches;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.cache.Cache;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Remembers verified tokens so that bcrypt (tens of milliseconds by design) runs once per key and
 * cache period, not per request. Entries are keyed by the token's public id and hold an HMAC of
 * the secret, never the secret; the cache lives in the data grid, so {@link #evict} on one
 * instance (revocation, logout) holds for the whole cluster.
 */
@ApplicationScoped
public class TokenCache {

    @Inject
    GridCaches caches;

    @Inject
    MasterKeyring keyring;

    @Inject
    @ConfigProperty(name = "hollerith.auth.cache-seconds", defaultValue = "60")
    long cacheSeconds;

    private Cache<String, String> cache;
    private byte[] hmacKey;

    @PostConstruct
    void open() {
        cache = caches.cache("hollerith-verified-tokens", String.class, Duration.ofSeconds(cacheSeconds));
        hmacKey = keyring.derive("verified-token-cache");
    }

    public Optional<Caller> find(BearerToken token) {
        String entry = cache.get(token.cacheKey());
        if (entry == null) {
            return Optional.empty();
        }
        int tab = entry.indexOf('\t');
        if (!Secrets.constantTimeEquals(entry.substring(0, tab), fingerprint(token))) {
            return Optional.empty();
        }
        return Optional.of(Caller.decode(entry.substring(tab + 1)));
    }

    public void remember(BearerToken token, Caller caller) {
        cache.put(token.cacheKey(), fingerprint(token) + "\t" + caller.encode());
    }

    public void evict(BearerToken.Kind kind, String id) {
        cache.remove(new BearerToken(kind, id, "").cacheKey());
    }

    private String fingerprint(BearerToken token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(hmacKey, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(token.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
