package dev.hollerith.security.control;

import dev.hollerith.tenancy.control.TokenResolver;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Validates bearer tokens (API keys and sessions): from the verified-token cache, else from the
 * database, unless the token's id has just failed too often ({@link RefusedTokens}).
 */
@ApplicationScoped
public class TokenIdentityStore implements IdentityStore {

    @Inject
    TokenCache cache;

    @Inject
    TokenResolver resolver;

    @Inject
    @ConfigProperty(name = "hollerith.auth.wrong-secret-limit", defaultValue = "3")
    int wrongSecretLimit;

    @Inject
    @ConfigProperty(name = "hollerith.auth.wrong-secret-window-seconds", defaultValue = "60")
    long wrongSecretWindowSeconds;

    RefusedTokens refused;

    @PostConstruct
    void open() {
        refused = new RefusedTokens(wrongSecretLimit, wrongSecretWindowSeconds * 1000, 100_000);
    }

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof BearerCredential bearer)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        return caller(bearer.token())
                .map(c -> new CredentialValidationResult(c, Set.of(c.role().roleName())))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }

    public Optional<Caller> caller(String presented) {
        Optional<BearerToken> token = BearerToken.parse(presented);
        if (token.isEmpty()) {
            return Optional.empty();
        }
        Optional<Caller> caller = cache.find(token.get());
        if (caller.isPresent()) {
            return caller;
        }
        String id = token.get().cacheKey();
        if (refused.refusesAtOnce(id)) {
            return Optional.empty();
        }
        caller = resolver.resolve(token.get());
        if (caller.isPresent()) {
            cache.remember(token.get(), caller.get());
        } else {
            refused.failed(id);
        }
        return caller;
    }
}
