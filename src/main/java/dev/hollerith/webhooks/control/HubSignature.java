package dev.hollerith.webhooks.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The GitHub / Meta style signature: {@code <algorithm>=<hex of HMAC(secret, raw body)>} in one header
 * ({@code X-Hub-Signature: sha1=…}, {@code X-Hub-Signature-256: sha256=…}). The secret is used as its
 * UTF-8 bytes, as those senders do.
 */
public final class HubSignature {

    private final String prefix;
    private final String macAlgorithm;

    private HubSignature(String prefix, String macAlgorithm) {
        this.prefix = prefix;
        this.macAlgorithm = macAlgorithm;
    }

    public static HubSignature sha1() {
        return new HubSignature("sha1=", "HmacSHA1");
    }

    public static HubSignature sha256() {
        return new HubSignature("sha256=", "HmacSHA256");
    }

    public Verification verify(String secret, String headerName, String headerValue, byte[] body) {
        if (headerValue == null) {
            return Verification.missing(headerName + " header is missing");
        }
        if (!headerValue.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return Verification.invalid(headerName + " must be " + prefix + "<hex>");
        }
        byte[] presented;
        try {
            presented = HexFormat.of().parseHex(headerValue.substring(prefix.length()).trim());
        } catch (IllegalArgumentException notHex) {
            return Verification.invalid(headerName + " is not hexadecimal");
        }
        // constant time: the position of the first wrong byte must not leak through the answer's timing
        return MessageDigest.isEqual(mac(secret, body), presented)
                ? Verification.valid(null) : Verification.invalid(headerName + " does not match the body");
    }

    /** The header value a sender computes (for documentation and load generation; tests use their own HMAC). */
    public String sign(String secret, byte[] body) {
        return prefix + HexFormat.of().formatHex(mac(secret, body));
    }

    private byte[] mac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance(macAlgorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), macAlgorithm));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(macAlgorithm + " is part of every JDK", e);
        }
    }
}
