package dev.hollerith.tenancy.control;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hollerith.security.control.BearerToken;
import dev.hollerith.security.control.Role;
import dev.hollerith.security.control.Secrets;
import dev.hollerith.tenancy.entity.ApiKey;
import jakarta.persistence.EntityManager;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 14 item 6: an unknown key id is checked as long as a known one, so the time tells nothing. */
class TokenResolverTest {

    static TokenResolver over(Map<String, ApiKey> keys) {
        TokenResolver resolver = new TokenResolver();
        resolver.em = (EntityManager) Proxy.newProxyInstance(EntityManager.class.getClassLoader(), new Class<?>[] {EntityManager.class},
                (proxy, method, args) -> method.getName().equals("find") ? keys.get((String) args[1]) : null);
        return resolver;
    }

    static long millis(Runnable check) {
        long start = System.nanoTime();
        check.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void anUnknownIdCostsABcryptCheckLikeAKnownIdWithAWrongSecret() {
        BearerToken real = BearerToken.issue(BearerToken.Kind.API_KEY);
        ApiKey key = new ApiKey(real.id(), "org-1", "kiosk", Role.PLAYER, Secrets.bcrypt(real.toString()));
        TokenResolver resolver = over(Map.of(real.id(), key));
        BearerToken wrong = new BearerToken(real.kind(), real.id(), Secrets.randomToken(32));
        BearerToken unknown = BearerToken.issue(BearerToken.Kind.API_KEY);
        resolver.resolve(unknown); // warm-up
        long bcrypt = millis(() -> Secrets.bcryptMatches(wrong.toString(), key.tokenHash()));
        long known = millis(() -> assertTrue(resolver.resolve(wrong).isEmpty()));
        long absent = millis(() -> assertTrue(resolver.resolve(unknown).isEmpty()));
        // a bcrypt at cost 10 is tens of milliseconds; a map lookup alone is far below a tenth of it
        assertTrue(known >= bcrypt / 4, "known id: " + known + " ms, bcrypt " + bcrypt + " ms");
        assertTrue(absent >= bcrypt / 4, "unknown id: " + absent + " ms, bcrypt " + bcrypt + " ms (no hash check: the id's absence shows)");
        assertTrue(resolver.resolve(real).isPresent());
    }

    @Test
    void aRevokedKeyCostsTheSameCheck() {
        BearerToken real = BearerToken.issue(BearerToken.Kind.API_KEY);
        ApiKey key = new ApiKey(real.id(), "org-1", "kiosk", Role.PLAYER, Secrets.bcrypt(real.toString()));
        key.revoke();
        TokenResolver resolver = over(Map.of(real.id(), key));
        long bcrypt = millis(() -> Secrets.bcryptMatches(real.toString(), key.tokenHash()));
        long revoked = millis(() -> assertTrue(resolver.resolve(real).isEmpty()));
        assertTrue(revoked >= bcrypt / 4, "revoked: " + revoked + " ms, bcrypt " + bcrypt + " ms");
    }
}
