package dev.hollerith.platform.control;

import dev.hollerith.platform.entity.IdempotentAnswer;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The durable memory behind {@code Idempotency-Key}. Every method runs in its own transaction: the
 * claim must be visible to other instances before the request's own work starts, and the answer must
 * stay recorded even when the request's transaction is long gone.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class IdempotentAnswers {

    /** What a claim found: nothing (the caller runs the request) or an earlier request with this key. */
    public record Claim(boolean fresh, IdempotentAnswer earlier) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    @ConfigProperty(name = "hollerith.idempotency.retention-hours", defaultValue = "24")
    long retentionHours;

    public Claim claim(String id, String requestHash) {
        Instant now = Instant.now();
        Instant cutoff = now.minus(Duration.ofHours(retentionHours));
        IdempotentAnswer earlier = em.find(IdempotentAnswer.class, id);
        if (earlier != null && !earlier.isExpired(cutoff)) {
            return new Claim(false, earlier);
        }
        if (earlier != null) {
            em.remove(earlier);
            em.flush();
        }
        em.persist(new IdempotentAnswer(id, requestHash, now));
        try {
            em.flush();
        } catch (PersistenceException claimedMeanwhile) {
            // another instance claimed the same key a moment ago: that request runs, this one must not
            throw new Conflict("A request with this Idempotency-Key is still being processed; retry in a moment");
        }
        return new Claim(true, null);
    }

    public void complete(String id, int status, String contentType, String body, boolean holdsSecret) {
        Optional.ofNullable(em.find(IdempotentAnswer.class, id)).ifPresent(a -> a.complete(status, contentType, body, holdsSecret));
    }

    /** A failed attempt (5xx, 429) is forgotten so that the same key can be retried. */
    public void release(String id) {
        Optional.ofNullable(em.find(IdempotentAnswer.class, id)).ifPresent(em::remove);
    }

    public int forgetExpired() {
        return em.createNamedQuery(IdempotentAnswer.EXPIRED)
                .setParameter("cutoff", Instant.now().minus(Duration.ofHours(retentionHours))).executeUpdate();
    }
}
