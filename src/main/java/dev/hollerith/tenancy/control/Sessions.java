package dev.hollerith.tenancy.control;

import dev.hollerith.platform.control.NotAuthenticated;
import dev.hollerith.security.control.BearerToken;
import dev.hollerith.security.control.Secrets;
import dev.hollerith.security.control.TokenCache;
import dev.hollerith.tenancy.entity.Session;
import dev.hollerith.tenancy.entity.User;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

@Stateless
public class Sessions {

    /** Compared against when the email is unknown, so that both failures take the same bcrypt time. */
    private static final String DUMMY_HASH = Secrets.bcrypt("no-such-user");

    @PersistenceContext
    EntityManager em;

    @Inject
    Users users;

    @Inject
    TokenCache tokenCache;

    @Inject
    @ConfigProperty(name = "hollerith.session.ttl-minutes", defaultValue = "720")
    long ttlMinutes;

    public record Opened(String token, Instant expiresAt) {
    }

    public Opened open(String email, String password) {
        Optional<User> user = users.findByEmail(email);
        boolean matches = user.map(u -> u.passwordMatches(password)).orElseGet(() -> {
            Secrets.bcryptMatches(password, DUMMY_HASH);
            return false;
        });
        if (!matches) {
            throw new NotAuthenticated("Invalid email or password");
        }
        BearerToken token = BearerToken.issue(BearerToken.Kind.SESSION);
        Instant expiresAt = Instant.now().plus(Duration.ofMinutes(ttlMinutes));
        em.persist(new Session(token.id(), user.get().id(), Secrets.sha256Hex(token.secret()), expiresAt));
        return new Opened(token.toString(), expiresAt);
    }

    public void close(String sessionId) {
        Session session = em.find(Session.class, sessionId);
        if (session != null) {
            em.remove(session);
        }
        tokenCache.evict(BearerToken.Kind.SESSION, sessionId);
    }
}
