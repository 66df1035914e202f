package dev.hollerith.tenancy.control;

import dev.hollerith.security.control.BearerToken;
import dev.hollerith.security.control.Caller;
import dev.hollerith.security.control.Secrets;
import dev.hollerith.security.control.TokenOwners;
import dev.hollerith.tenancy.entity.ApiKey;
import dev.hollerith.tenancy.entity.Session;
import dev.hollerith.tenancy.entity.User;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Optional;

/** Turns a presented token into a caller by one indexed read (the token's public id) and one hash check. */
@Stateless
public class TokenResolver implements TokenOwners {

    /** Checked when the key id is unknown or revoked, so that every wrong API key costs the same bcrypt time. */
    private static final String DUMMY_KEY_HASH = Secrets.bcrypt(BearerToken.issue(BearerToken.Kind.API_KEY).toString());

    @PersistenceContext
    EntityManager em;

    @Override
    public Optional<Caller> resolve(BearerToken token) {
        return switch (token.kind()) {
            case API_KEY -> resolveKey(token);
            case SESSION -> resolveSession(token);
        };
    }

    private Optional<Caller> resolveKey(BearerToken token) {
        ApiKey key = em.find(ApiKey.class, token.id());
        boolean usable = key != null && key.isActive();
        boolean matches = Secrets.bcryptMatches(token.toString(), usable ? key.tokenHash() : DUMMY_KEY_HASH);
        if (!usable || !matches) {
            return Optional.empty();
        }
        return Optional.of(new Caller("key:" + key.id(), key.role(), key.organizationId(), key.id()));
    }

    private Optional<Caller> resolveSession(BearerToken token) {
        Session session = em.find(Session.class, token.id());
        if (session == null || session.isExpired(Instant.now())
                || !Secrets.constantTimeEquals(session.secretHash(), Secrets.sha256Hex(token.secret()))) {
            return Optional.empty();
        }
        User user = em.find(User.class, session.userId());
        if (user == null) {
            return Optional.empty();
        }
        return Optional.of(new Caller(user.id(), user.role(), user.organizationId(), null));
    }
}
