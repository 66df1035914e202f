package dev.hollerith.punchcard.boundary;

import dev.hollerith.punchcard.entity.PunchMessage;
import java.time.Instant;

/** A message as the API shows it; the sender's ids stay in the database for audit. */
public record MessageView(long id, String text, String source, String status, Instant createdAt,
                          Instant displayedAt, int displayCount) {

    static MessageView of(PunchMessage m) {
        return m == null ? null : new MessageView(m.id(), m.text(), m.source(), m.status().apiName(), m.createdAt(),
                m.displayedAt(), m.displayCount());
    }
}
