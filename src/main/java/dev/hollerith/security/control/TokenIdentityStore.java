package dev.hollerith.security.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Validates bearer tokens (API keys and sessions): from the verified-token cache, else from the
 * database, unless the token's id has just failed too often ({@link RefusedTokens}).
 * {@code BearerAuthentication} asks it for every request that carries a token.
 */
@ApplicationScoped
public class TokenIdentityStore {

    @Inject
    TokenCache cache;

    @Inject
    TokenOwners resolver;

    @Inject
    @ConfigProperty(name = "hollerith.auth.wrong-secret-limit", defaultValue = "3")
    int wrongSecretLimit;

    @Inject
    @ConfigProperty(name = "hollerith.auth.wrong-secret-window-seconds", defaultValue = "60")
    long wrongSecretWindowSeconds;

    RefusedTokens refused;

    private final Map<String, CompletableFuture<Void>> checking = new ConcurrentHashMap<>();

    @PostConstruct
    void open() {
        refused = new RefusedTokens(wrongSecretLimit, wrongSecretWindowSeconds * 1000, 100_000);
    }

    public Optional<Caller> caller(String presented) {
        Optional<BearerToken> token = BearerToken.parse(presented);
        if (token.isEmpty()) {
            return Optional.empty();
        }
        String id = token.get().cacheKey();
        for (int attempt = 0; attempt < 8; attempt++) {
            Optional<Caller> caller = cache.find(token.get());
            if (caller.isPresent()) {
                return caller;
            }
            String fingerprint = cache.fingerprintText(token.get());
            if (refused.refusedBefore(fingerprint) || (refused.refusesAtOnce(id) && !cache.verifiedBefore(token.get()))) {
                return Optional.empty();
            }
            // one check per token id at a time: a hundred players starting with the same key cost
            // one bcrypt, not a hundred, and so do a hundred guesses at one id
            CompletableFuture<Void> mine = new CompletableFuture<>();
            CompletableFuture<Void> running = checking.putIfAbsent(id, mine);
            if (running != null) {
                awaitQuietly(running);
                continue;
            }
            try {
                caller = resolver.resolve(token.get());
                if (caller.isPresent()) {
                    cache.remember(token.get(), caller.get());
                } else {
                    cache.refused(token.get());
                    refused.failed(id, fingerprint);
                }
                return caller;
            } finally {
                checking.remove(id, mine);
                mine.complete(null);
            }
        }
        return Optional.empty();
    }

    private static void awaitQuietly(CompletableFuture<Void> running) {
        try {
            running.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the other check failed or hangs: check ourselves
        }
    }
}
