package dev.hollerith.pull.control;

import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;

/**
 * How one run of a leased job ended, ready to be recorded: new data, "not modified", a failure
 * (with the backoff before the next try) or postponed (not run, e.g. the upstream's rate limit is
 * spent). {@code run} is set when the run started.
 *
 * @param answer  the upstream's data and validators (succeeded only)
 * @param failure what went wrong and how often in a row (failed only)
 * @param next    when the job is due again
 */
public record PullOutcome(Kind kind, LeasedJob job, Answer answer, Failure failure, Instant next, Run run) {

    public enum Kind { SUCCEEDED, NOT_MODIFIED, FAILED, POSTPONED }

    /** What a successful run brought: the data and the validators that make the next request conditional. */
    public record Answer(JsonValue data, String etag, String lastModified) {
    }

    /** @param error safe to show and to store: names no credential; {@code failures} counts this one */
    public record Failure(String error, int failures, Duration backoff) {
    }

    /** When the run started and how late that was against its due time. */
    public record Run(Instant ranAt, long latenessMs) {
        static final Run NOT_STARTED = new Run(null, 0);
    }

    static PullOutcome succeeded(LeasedJob job, Answer answer, Instant next) {
        return new PullOutcome(Kind.SUCCEEDED, job, answer, null, next, Run.NOT_STARTED);
    }

    static PullOutcome notModified(LeasedJob job, Instant next) {
        return new PullOutcome(Kind.NOT_MODIFIED, job, null, null, next, Run.NOT_STARTED);
    }

    static PullOutcome failed(LeasedJob job, Failure failure) {
        return new PullOutcome(Kind.FAILED, job, null, failure, null, Run.NOT_STARTED);
    }

    static PullOutcome postponed(LeasedJob job, Instant next) {
        return new PullOutcome(Kind.POSTPONED, job, null, null, next, Run.NOT_STARTED);
    }

    /** The outcome of a run started at {@code started}; a failure's next try is one backoff after it. */
    PullOutcome at(Instant started, long latenessMs) {
        Instant nextRun = kind == Kind.FAILED ? started.plus(failure.backoff()) : next;
        return new PullOutcome(kind, job, answer, failure, nextRun, new Run(started, latenessMs));
    }

    /** The error to store on the job, null unless failed. */
    String error() {
        return failure == null ? null : failure.error();
    }

    /** Failures in a row after this run: 0 after a success, unchanged when postponed. */
    int failures() {
        return switch (kind) {
            case FAILED -> failure.failures();
            case POSTPONED -> job.failures();
            default -> 0;
        };
    }
}
