package dev.hollerith.webhooks.control;

import dev.hollerith.integrations.control.PushConfig;
import dev.hollerith.webhooks.entity.SignatureVerdict;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Decides, from the raw bytes and headers alone, whether a delivery satisfies its push_config. Pure: no
 * database, no clock of its own, so every scheme is unit-tested with exact bytes. Whether a correctly
 * signed Standard Webhooks id was seen before is asked of the caller's memory (the grid and the delivery
 * log in production), and only after the signature proved the id genuine: a forger cannot burn ids.
 */
public final class WebhookVerifier {

    private final StandardWebhookSignature standardWebhooks;

    public WebhookVerifier(Duration timestampTolerance) {
        this.standardWebhooks = new StandardWebhookSignature(timestampTolerance);
    }

    /**
     * @param credentials  the decrypted credential fields of the widget config, or null when none are stored
     * @param firstSighting claims a correctly signed Standard Webhooks id; false when it was seen before (a replay)
     */
    public Verification verify(PushConfig pushConfig, Map<String, String> credentials, InboundWebhook delivery, Predicate<String> firstSighting) {
        Verification verification = check(pushConfig, credentials, delivery);
        if (verification.webhookId() != null && !firstSighting.test(verification.webhookId())) {
            return new Verification(SignatureVerdict.REPLAY, "webhook-id " + verification.webhookId() + " was already accepted", null);
        }
        return verification;
    }

    private Verification check(PushConfig pushConfig, Map<String, String> credentials, InboundWebhook delivery) {
        Map<String, String> fields = credentials == null ? Map.of() : credentials;
        if (pushConfig.scheme() == PushConfig.Scheme.UNUSABLE) {
            return Verification.invalid(pushConfig.problem());
        }
        if (pushConfig.checksApiKey()) {
            Verification apiKey = verifyApiKey(fields.get(pushConfig.apiKeyCredential()), delivery.header(PushConfig.API_KEY_HEADER));
            if (!apiKey.accepted()) {
                return apiKey;
            }
        }
        if (!pushConfig.checksSignature()) {
            return pushConfig.checksApiKey() ? Verification.valid(null) : Verification.notRequired();
        }
        String secret = pushConfig.secretCredential() == null ? null : fields.get(pushConfig.secretCredential());
        if (secret == null || secret.isEmpty()) {
            // verify_signature without a key to verify with: refuse, never fall back to accepting unsigned
            return Verification.invalid(credentials == null
                    ? "no credentials are stored for this widget config, so the signature cannot be checked"
                    : "no secret credential (" + (pushConfig.secretCredential() == null ? "none declared" : pushConfig.secretCredential()) + ") to check the signature with");
        }
        return switch (pushConfig.scheme()) {
            case HMAC_SHA1 -> HubSignature.sha1().verify(secret, pushConfig.signatureHeader(), delivery.header(pushConfig.signatureHeader()), delivery.body());
            case HMAC_SHA256 -> HubSignature.sha256().verify(secret, pushConfig.signatureHeader(), delivery.header(pushConfig.signatureHeader()), delivery.body());
            case STANDARD_WEBHOOKS -> standardWebhooks.verify(secret, delivery.header(StandardWebhookSignature.ID),
                    delivery.header(StandardWebhookSignature.TIMESTAMP), delivery.header(StandardWebhookSignature.SIGNATURE),
                    delivery.body(), delivery.receivedAt());
            case NONE, UNUSABLE -> throw new IllegalStateException("handled above");
        };
    }

    private static Verification verifyApiKey(String expected, String presented) {
        if (presented == null) {
            return Verification.missing(PushConfig.API_KEY_HEADER + " header is missing");
        }
        if (expected == null || expected.isEmpty()) {
            return Verification.invalid("no API key credential is stored to compare " + PushConfig.API_KEY_HEADER + " with");
        }
        return equalInConstantTime(expected, presented)
                ? Verification.valid(null) : Verification.invalid(PushConfig.API_KEY_HEADER + " does not match");
    }

    /** Constant time in the content (MessageDigest.isEqual); only the length may show. */
    public static boolean equalInConstantTime(String expected, String presented) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }
}
