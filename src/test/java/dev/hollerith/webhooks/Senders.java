package dev.hollerith.webhooks;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signatures as a third-party sender computes them, written from the senders' documentation rather than
 * from the production classes, so a shared mistake cannot make both sides agree.
 */
public final class Senders {

    private Senders() {
    }

    /** Meta / GitHub: {@code sha1=} or {@code sha256=} and the hex HMAC of the raw body, keyed by the secret's bytes. */
    public static String hub(String algorithm, String secret, byte[] body) {
        String mac = algorithm.equals("sha1") ? "HmacSHA1" : "HmacSHA256";
        return algorithm + "=" + HexFormat.of().formatHex(hmac(mac, secret.getBytes(StandardCharsets.UTF_8), body));
    }

    /** standardwebhooks.com: {@code v1,} base64 HMAC-SHA256 of "id.timestamp.body" keyed by the base64 after {@code whsec_}. */
    public static String standard(String whsecSecret, String id, long timestamp, byte[] body) {
        byte[] key = Base64.getDecoder().decode(whsecSecret.substring("whsec_".length()));
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, content, 0, prefix.length);
        System.arraycopy(body, 0, content, prefix.length, body.length);
        return "v1," + Base64.getEncoder().encodeToString(hmac("HmacSHA256", key, content));
    }

    private static byte[] hmac(String algorithm, byte[] key, byte[] content) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(content);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
