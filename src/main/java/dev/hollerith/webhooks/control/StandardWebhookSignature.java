package dev.hollerith.webhooks.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Standard Webhooks scheme (standardwebhooks.com): HMAC-SHA256 over {@code id.timestamp.body} with the
 * base64 key of a {@code whsec_…} secret, sent as {@code webhook-signature: v1,<base64>}. Several
 * space-separated signatures may come at once (key rotation): one valid {@code v1} is enough. The timestamp
 * bounds how long a captured delivery could be replayed; the id (remembered by {@link ReplayGuard}) closes
 * that window.
 */
public final class StandardWebhookSignature {

    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";
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
        Optional<byte[]> key = key(secret);
        if (key.isEmpty()) {
            return Verification.invalid("the secret credential is not a whsec_<base64> key");
        }
        byte[] expected = mac(key.get(), id, timestamp, body);
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

    /** The header value a sender computes (for documentation and load generation; tests use their own HMAC). */
    public static String sign(String secret, String id, long timestamp, byte[] body) {
        byte[] key = key(secret).orElseThrow(() -> new IllegalArgumentException("not a whsec_<base64> secret"));
        return "v1," + Base64.getEncoder().encodeToString(mac(key, id, Long.toString(timestamp), body));
    }

    /** The spec's secret form is {@code whsec_<base64>}; its libraries also take the bare base64. */
    static Optional<byte[]> key(String secret) {
        if (secret == null) {
            return Optional.empty();
        }
        String encoded = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
        try {
            byte[] key = Base64.getDecoder().decode(encoded);
            return key.length == 0 ? Optional.empty() : Optional.of(key);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    private static byte[] mac(byte[] key, String id, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
