package dev.hollerith.webhooks.control;

import dev.hollerith.webhooks.entity.SignatureVerdict;
import java.util.Objects;

/**
 * The outcome of checking one delivery against its push_config. {@code reason} is for the delivery
 * log (it never holds a secret); {@code webhookId} is the Standard Webhooks message id to remember
 * against replays, or null for schemes without one.
 */
public record Verification(SignatureVerdict verdict, String reason, String webhookId) {

    public Verification {
        Objects.requireNonNull(verdict);
    }

    static Verification valid(String webhookId) {
        return new Verification(SignatureVerdict.VALID, null, webhookId);
    }

    static Verification notRequired() {
        return new Verification(SignatureVerdict.NOT_REQUIRED, null, null);
    }

    static Verification missing(String reason) {
        return new Verification(SignatureVerdict.MISSING, reason, null);
    }

    static Verification invalid(String reason) {
        return new Verification(SignatureVerdict.INVALID, reason, null);
    }

    public boolean accepted() {
        return verdict.accepted();
    }
}
