package dev.hollerith.punchcard.control;

import dev.hollerith.platform.control.Unavailable;
import dev.hollerith.punchcard.entity.MessageApiState;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Start and stop of the punch-card message API from within the application (seed 000). Read
 * from the database on every request: one primary-key read, and every instance agrees at once.
 */
@Stateless
public class MessageApi {

    static final String STOPPED = "The punch-card message API is stopped; an admin can start it with "
            + "PUT /dashboard/punchcard/api {\"enabled\": true}";

    @PersistenceContext
    EntityManager em;

    /** Running unless an admin stopped it. */
    public boolean isRunning() {
        MessageApiState state = em.find(MessageApiState.class, MessageApiState.ID);
        return state == null || state.isEnabled();
    }

    public void requireRunning() {
        if (!isRunning()) {
            throw new Unavailable(STOPPED);
        }
    }

    public boolean switchTo(boolean enabled, String changedBy) {
        MessageApiState state = em.find(MessageApiState.class, MessageApiState.ID);
        if (state == null) {
            em.persist(new MessageApiState(enabled, changedBy));
        } else {
            state.change(enabled, changedBy);
        }
        return enabled;
    }
}
