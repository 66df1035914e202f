package dev.hollerith.platform.control;

import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;

/** Drops remembered idempotent answers older than the retention time, hourly on every instance (a no-op where none expired). */
@Singleton
public class IdempotencyHousekeeping {

    @EJB
    IdempotentAnswers answers;

    @Schedule(hour = "*", minute = "17", persistent = false)
    void forgetExpired() {
        answers.forgetExpired();
    }
}
