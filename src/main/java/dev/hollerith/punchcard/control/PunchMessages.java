package dev.hollerith.punchcard.control;

import dev.hollerith.punchcard.entity.MessageStatus;
import dev.hollerith.punchcard.entity.PunchMessage;
import dev.hollerith.security.control.Caller;
import dev.hollerith.tenancy.entity.ApiKey;
import dev.hollerith.tenancy.entity.User;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The stored messages: each method is one transaction, so a message is committed before anyone queues it. */
@Stateless
public class PunchMessages {

    @PersistenceContext
    EntityManager em;

    /** @param text folded and checked against the card code */
    public PunchMessage store(String text, Caller caller) {
        PunchMessage message = new PunchMessage(text, sourceOf(caller), caller.id(), caller.organizationId());
        em.persist(message);
        em.flush();
        return message;
    }

    /** The sender as the history shows it: the API key's name, or the signed-in user's e-mail address. */
    private String sourceOf(Caller caller) {
        if (caller.keyId() != null) {
            ApiKey key = em.find(ApiKey.class, caller.keyId());
            return key == null ? caller.id() : key.name();
        }
        User user = em.find(User.class, caller.id());
        return user == null ? caller.id() : user.email();
    }

    public Optional<PunchMessage> find(long id) {
        return Optional.ofNullable(em.find(PunchMessage.class, id));
    }

    /** Newest first; {@code before} is the id of the last message of the previous page. */
    public List<PunchMessage> newest(Long before, int limit) {
        return (before == null
                ? em.createNamedQuery(PunchMessage.NEWEST, PunchMessage.class)
                : em.createNamedQuery(PunchMessage.NEWEST_BEFORE, PunchMessage.class).setParameter("before", before))
                .setMaxResults(limit).getResultList();
    }

    /** Every message not yet displayed (queued, interrupted while displaying, or failed), oldest first. */
    public List<Long> pendingIds() {
        return em.createNamedQuery(PunchMessage.PENDING, Long.class)
                .setParameter("displayed", MessageStatus.DISPLAYED).getResultList();
    }

    public long count() {
        return em.createNamedQuery(PunchMessage.COUNT, Long.class).getSingleResult();
    }

    /**
     * Marks the message as being displayed, under a row lock so that a message is never claimed
     * twice; empty when it is gone or was displayed meanwhile.
     */
    public Optional<PunchMessage> claim(long id) {
        PunchMessage message = em.find(PunchMessage.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (message == null || message.isDisplayed()) {
            return Optional.empty();
        }
        message.startDisplaying();
        return Optional.of(message);
    }

    public PunchMessage markDisplayed(long id) {
        PunchMessage message = em.find(PunchMessage.class, id, LockModeType.PESSIMISTIC_WRITE);
        message.displayed(Instant.now());
        return message;
    }

    public PunchMessage markFailed(long id, String reason) {
        PunchMessage message = em.find(PunchMessage.class, id, LockModeType.PESSIMISTIC_WRITE);
        message.failed(reason);
        return message;
    }
}
