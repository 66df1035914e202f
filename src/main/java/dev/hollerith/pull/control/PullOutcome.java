package dev.hollerith.pull.control;

import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;

/**
 * How one run of a leased job ended, ready to be recorded: new data, "not modified", a failure
 * (with the backoff before the next try) or postponed (not run, e.g. the upstream's rate limit is
 * spent). {@code ranAt} and {@code lateness} are set when the run started.
 */
public record PullOutcome(Kind kind, LeasedJob job, JsonValue data, String etag, String lastModified, String error, int failures,
                          Instant next, Duration backoff, Instant ranAt, long lateness) {

    public enum Kind { SUCCEEDED, NOT_MODIFIED, FAILED, POSTPONED }

    static PullOutcome succeeded(LeasedJob job, JsonValue data, String etag, String lastModified, Instant next) {
        return new PullOutcome(Kind.SUCCEEDED, job, data, etag, lastModified, null, 0, next, null, null, 0);
    }

    static PullOutcome notModified(LeasedJob job, Instant next) {
        return new PullOutcome(Kind.NOT_MODIFIED, job, null, null, null, null, 0, next, null, null, 0);
    }

    /** @param error safe to show and to store: names no credential */
    static PullOutcome failed(LeasedJob job, String error, int failures, Duration backoff) {
        return new PullOutcome(Kind.FAILED, job, null, null, null, error, failures, null, backoff, null, 0);
    }

    static PullOutcome postponed(LeasedJob job, Instant next) {
        return new PullOutcome(Kind.POSTPONED, job, null, null, null, null, job.failures(), next, null, null, 0);
    }

    /** The outcome of a run started at {@code started}; a failure's next try is one backoff after it. */
    PullOutcome at(Instant started, long latenessMs) {
        Instant nextRun = kind == Kind.FAILED ? started.plus(backoff) : next;
        return new PullOutcome(kind, job, data, etag, lastModified, error, failures, nextRun, backoff, started, latenessMs);
    }
}
