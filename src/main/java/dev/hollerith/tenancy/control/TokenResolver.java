package dev.hollerith.tenancy.control;

import dev.hollerith.security.control.BearerToken;
import dev.hollerith.security.control.Caller;
import dev.hollerith.security.control.Secrets;
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
public class TokenResolver {

    @PersistenceContext
    EntityManager em;

    public Optional<Caller> resolve(BearerToken token) {
        return switch (token.kind()) {
            case API_KEY -> resolveKey(token);
            case SESSION -> resolveSession(token);
        };
    }

    private Optional<Caller> resolveKey(BearerToken token) {
        ApiKey key = em.find(ApiKey.class, token.id());
        if (key == null || !key.isActive() || !Secrets.bcryptMatches(token.toString(), key.tokenHash())) {
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
