package dev.hollerith.pull.control;

/** A refresh made a job due now; observed after commit, so the lease that follows sees it. */
public record RefreshQueued(long integrationId, String discriminator) {
}
