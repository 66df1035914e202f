package dev.hollerith.crypto.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Standard Webhooks signature scheme (standardwebhooks.com): its headers, its secrets and its
 * HMAC. Webhooks verify it on what senders deliver; alerts sign what Hollerith sends with it.
 */
public final class StandardWebhooks {

    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";

    private StandardWebhooks() {
    }

    /** The {@code webhook-signature} value a sender computes. */
    public static String sign(String secret, String id, long timestamp, byte[] body) {
        byte[] key = key(secret).orElseThrow(() -> new IllegalArgumentException("not a whsec_<base64> secret"));
        return "v1," + Base64.getEncoder().encodeToString(mac(key, id, Long.toString(timestamp), body));
    }

    /** The spec's secret form is {@code whsec_<base64>}; its libraries also take the bare base64. */
    public static Optional<byte[]> key(String secret) {
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

    /** HMAC-SHA256 over {@code id.timestamp.body}. */
    public static byte[] mac(byte[] key, String id, String timestamp, byte[] body) {
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
