package dev.hollerith.punchcard.entity;

import java.util.Locale;

/**
 * queued → displaying → displayed. A GPIO fault turns displaying into failed; failed messages
 * are retried, so failed means "the last attempt failed", never "given up".
 */
public enum MessageStatus {
    QUEUED, DISPLAYING, DISPLAYED, FAILED;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
