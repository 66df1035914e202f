package dev.hollerith.punchcard.boundary;

import dev.hollerith.punchcard.entity.PunchMessage;
import dev.hollerith.security.control.Caller;
import java.time.Instant;

/**
 * A message as the API shows it; the sender's ids stay in the database for audit.
 * {@code otherOrganization} is set (and all but the status left out) when the shared display
 * shows a message the caller may not read.
 */
public record MessageView(Long id, String text, String source, String status, Instant createdAt,
                          Instant displayedAt, Integer displayCount, Boolean otherOrganization) {

    static MessageView of(PunchMessage m) {
        return m == null ? null : new MessageView(m.id(), m.text(), m.source(), m.status().apiName(), m.createdAt(),
                m.displayedAt(), m.displayCount(), null);
    }

    /** The whole message if the caller may read it, else only that the display is busy with someone else's. */
    static MessageView seenBy(PunchMessage m, Caller caller) {
        if (m == null || m.isReadableBy(caller)) {
            return of(m);
        }
        return new MessageView(null, null, null, m.status().apiName(), null, null, null, true);
    }
}
