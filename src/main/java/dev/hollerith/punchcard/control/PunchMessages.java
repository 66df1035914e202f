package dev.hollerith.punchcard.control;

import dev.hollerith.punchcard.entity.MessageStatus;
import dev.hollerith.punchcard.entity.PunchMessage;
import dev.hollerith.security.control.Caller;
import dev.hollerith.tenancy.control.ApiKeys;
import dev.hollerith.tenancy.control.Users;
import dev.hollerith.tenancy.entity.ApiKey;
import dev.hollerith.tenancy.entity.User;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The stored messages: each method is one transaction, so a message is committed before anyone queues it. */
@Stateless
public class PunchMessages {

    @PersistenceContext
    EntityManager em;

    @Inject
    ApiKeys apiKeys;

    @Inject
    Users users;

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
            return apiKeys.find(caller.keyId()).map(ApiKey::name).orElse(caller.id());
        }
        return users.find(caller.id()).map(User::email).orElse(caller.id());
    }

    public Optional<PunchMessage> find(long id) {
        return Optional.ofNullable(em.find(PunchMessage.class, id));
    }

    /** Another organization's message is as unknown as a missing one: its existence stays hidden. */
    public Optional<PunchMessage> findReadable(long id, Caller caller) {
        return find(id).filter(message -> message.isReadableBy(caller));
    }

    /**
     * Newest first, of the caller's organization (admins: all); {@code before} is the id of the
     * last message of the previous page.
     */
    public List<PunchMessage> newest(Long before, int limit, Caller caller) {
        TypedQuery<PunchMessage> query;
        if (caller.isAdmin()) {
            query = before == null
                    ? em.createNamedQuery(PunchMessage.NEWEST, PunchMessage.class)
                    : em.createNamedQuery(PunchMessage.NEWEST_BEFORE, PunchMessage.class).setParameter("before", before);
        } else {
            query = (before == null
                    ? em.createNamedQuery(PunchMessage.NEWEST_OF_ORGANIZATION, PunchMessage.class)
                    : em.createNamedQuery(PunchMessage.NEWEST_OF_ORGANIZATION_BEFORE, PunchMessage.class).setParameter("before", before))
                    .setParameter("organization", caller.organizationId());
        }
        return query.setMaxResults(limit).getResultList();
    }

    /** Messages the caller may read: all for admins, else its organization's. */
    public long countReadable(Caller caller) {
        if (caller.isAdmin()) {
            return count();
        }
        return em.createNamedQuery(PunchMessage.COUNT_OF_ORGANIZATION, Long.class)
                .setParameter("organization", caller.organizationId()).getSingleResult();
    }

    /**
     * At start-up: every message not yet displayed, oldest first. Those the last run left in
     * {@code displaying} (it stopped mid-card) become {@code queued} again, so they can be claimed.
     */
    public List<Long> requeuePending() {
        em.createNamedQuery(PunchMessage.REQUEUE_INTERRUPTED)
                .setParameter("queued", MessageStatus.QUEUED).setParameter("displaying", MessageStatus.DISPLAYING).executeUpdate();
        return em.createNamedQuery(PunchMessage.PENDING, Long.class)
                .setParameter("displayed", MessageStatus.DISPLAYED).getResultList();
    }

    public long count() {
        return em.createNamedQuery(PunchMessage.COUNT, Long.class).getSingleResult();
    }

    /**
     * Marks a queued or failed message as being displayed, under a row lock, so that two
     * instances never display it at once; empty when it is gone, displayed, or being displayed
     * elsewhere. {@code resume} also takes one in {@code displaying}: the caller's own, whose
     * last attempt ended in a database error.
     */
    public Optional<PunchMessage> claim(long id, boolean resume) {
        PunchMessage message = em.find(PunchMessage.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (message == null || !message.isClaimable(resume)) {
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
