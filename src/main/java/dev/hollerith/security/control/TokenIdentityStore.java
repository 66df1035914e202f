package dev.hollerith.security.control;

import dev.hollerith.tenancy.control.TokenResolver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Optional;
import java.util.Set;

/** Validates bearer tokens (API keys and sessions): from the verified-token cache, else from the database. */
@ApplicationScoped
public class TokenIdentityStore implements IdentityStore {

    @Inject
    TokenCache cache;

    @Inject
    TokenResolver resolver;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof BearerCredential bearer)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        Optional<BearerToken> token = BearerToken.parse(bearer.token());
        if (token.isEmpty()) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        Optional<Caller> caller = cache.find(token.get());
        if (caller.isEmpty()) {
            caller = resolver.resolve(token.get());
            caller.ifPresent(c -> cache.remember(token.get(), c));
        }
        return caller.map(c -> new CredentialValidationResult(c, Set.of(c.role().roleName())))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }
}
