package dev.hollerith.security.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hollerith.tenancy.control.TokenResolver;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 14 item 6: a wrong secret costs a hash check only a few times per token id, known or not. */
class TokenIdentityStoreTest {

    /** Stands in for the database and bcrypt: counts the expensive checks. */
    static final class CountingResolver extends TokenResolver {
        final Map<String, Caller> valid = new HashMap<>();
        final AtomicInteger checks = new AtomicInteger();

        volatile long millis;

        @Override
        public Optional<Caller> resolve(BearerToken token) {
            checks.incrementAndGet();
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.ofNullable(valid.get(token.toString()));
        }
    }

    CountingResolver resolver;
    TokenIdentityStore store;
    BearerToken known;

    @BeforeEach
    void wire() {
        resolver = new CountingResolver();
        known = BearerToken.issue(BearerToken.Kind.API_KEY);
        resolver.valid.put(known.toString(), new Caller("key:" + known.id(), Role.PLAYER, "org-1", known.id()));
        TokenCache cache = new TokenCache();
        cache.openLocal(new byte[32], 60);
        store = new TokenIdentityStore();
        store.cache = cache;
        store.resolver = resolver;
        store.wrongSecretLimit = 3;
        store.wrongSecretWindowSeconds = 60;
        store.open();
    }

    static String wrongSecretFor(BearerToken token) {
        return new BearerToken(token.kind(), token.id(), Secrets.randomToken(32)).toString();
    }

    @Test
    void repeatedWrongSecretsOfAKnownIdAreRefusedWithoutAHashCheck() {
        for (int i = 0; i < 20; i++) {
            assertTrue(store.caller(wrongSecretFor(known)).isEmpty());
        }
        assertEquals(3, resolver.checks.get(), "only the first three wrong secrets of the id cost a hash check");
    }

    @Test
    void theSameWrongTokenRepeatedCostsOneCheck() {
        String wrong = wrongSecretFor(known);
        for (int i = 0; i < 20; i++) {
            assertTrue(store.caller(wrong).isEmpty());
        }
        assertEquals(1, resolver.checks.get(), "a client repeating a wrong key is refused from memory");
        assertEquals("key:" + known.id(), store.caller(known.toString()).orElseThrow().id(), "the id itself is not locked");
    }

    @Test
    void anUnknownIdCostsExactlyWhatAKnownIdCosts() {
        BearerToken unknown = BearerToken.issue(BearerToken.Kind.API_KEY);
        for (int i = 0; i < 20; i++) {
            assertEquals(store.caller(wrongSecretFor(known)), store.caller(wrongSecretFor(unknown)));
        }
        assertEquals(6, resolver.checks.get(), "three checks for each id, whether it exists or not");
    }

    @Test
    void aVerifiedTokenIsAnsweredFromTheCacheAndStaysValidWhileItsIdIsUnderAttack() {
        assertEquals("key:" + known.id(), store.caller(known.toString()).orElseThrow().id());
        for (int i = 0; i < 10; i++) {
            store.caller(wrongSecretFor(known));
        }
        for (int i = 0; i < 100; i++) {
            assertEquals("key:" + known.id(), store.caller(known.toString()).orElseThrow().id());
        }
        assertEquals(4, resolver.checks.get(), "one check for the good token, three for the wrong ones");
    }

    @Test
    void aHundredConcurrentFirstRequestsWithOneKeyCostOneCheck() throws Exception {
        resolver.millis = 200; // a bcrypt
        var pool = java.util.concurrent.Executors.newFixedThreadPool(100);
        try {
            var answers = new java.util.ArrayList<java.util.concurrent.Future<Optional<Caller>>>();
            for (int i = 0; i < 100; i++) {
                answers.add(pool.submit(() -> store.caller(known.toString())));
            }
            for (var answer : answers) {
                assertTrue(answer.get().isPresent());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, resolver.checks.get(), "one check; the other requests waited for it and found the token verified");
    }

    @Test
    void anEvictedTokenIsCheckedAgain() {
        store.caller(known.toString());
        store.cache.evict(BearerToken.Kind.API_KEY, known.id());
        resolver.valid.clear();
        assertFalse(store.caller(known.toString()).isPresent());
        assertEquals(2, resolver.checks.get());
    }

    @Test
    void aTokenOfAnotherSecretWithTheSameIdIsNotTakenFromTheCache() {
        store.caller(known.toString());
        assertTrue(store.caller(wrongSecretFor(known)).isEmpty());
    }
}
