package dev.hollerith.webhooks.control;

import dev.hollerith.crypto.control.StandardWebhooks;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The Standard Webhooks scheme (standardwebhooks.com): HMAC-SHA256 over {@code id.timestamp.body} with the
 * base64 key of a {@code whsec_…} secret, sent as {@code webhook-signature: v1,<base64>}. Several
 * space-separated signatures may come at once (key rotation): one valid {@code v1} is enough. The timestamp
 * bounds how long a captured delivery could be replayed; the id (remembered by {@link ReplayGuard}) closes
 * that window.
 */
public final class StandardWebhookSignature {

    public static final String ID = StandardWebhooks.ID;
    public static final String TIMESTAMP = StandardWebhooks.TIMESTAMP;
    public static final String SIGNATURE = StandardWebhooks.SIGNATURE;
    /** Longer ids are refused: the id is stored, and senders use short ones (msg_…). */
    public static final int MAX_ID_LENGTH = 200;

    private final Duration tolerance;

    public StandardWebhookSignature(Duration tolerance) {
        this.tolerance = tolerance;
    }

    public Verification verify(String secret, String id, String timestamp, String signatures, byte[] body, Instant now) {
        if (id == null || timestamp == null || signatures == null) {
            return Verification.missing("webhook-id, webhook-timestamp and webhook-signature are all required");
        }
        if (id.length() > MAX_ID_LENGTH) {
            return Verification.invalid("webhook-id is longer than " + MAX_ID_LENGTH + " characters");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException notSeconds) {
            return Verification.invalid("webhook-timestamp is not a number of seconds");
        }
        long skew = Math.abs(now.getEpochSecond() - seconds);
        if (skew > tolerance.toSeconds()) {
            return Verification.invalid("webhook-timestamp is " + skew + " s away from now (tolerance " + tolerance.toSeconds() + " s)");
        }
        Optional<byte[]> key = StandardWebhooks.key(secret);
        if (key.isEmpty()) {
            return Verification.invalid("the secret credential is not a whsec_<base64> key");
        }
        byte[] expected = StandardWebhooks.mac(key.get(), id, timestamp, body);
        boolean matched = false;
        for (String candidate : signatures.trim().split("\\s+")) {
            int comma = candidate.indexOf(',');
            if (comma < 0 || !candidate.substring(0, comma).equals("v1")) {
                continue; // another version (e.g. v1a, asymmetric): not ours to check
            }
            byte[] presented;
            try {
                presented = Base64.getDecoder().decode(candidate.substring(comma + 1));
            } catch (IllegalArgumentException notBase64) {
                continue;
            }
            // no early exit: every candidate costs the same, whichever one matches
            matched |= MessageDigest.isEqual(expected, presented);
        }
        return matched ? Verification.valid(id) : Verification.invalid("no v1 signature in webhook-signature matches");
    }
}
