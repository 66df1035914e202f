package dev.hollerith.security.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.mindrot.jbcrypt.BCrypt;

/** Random secrets and their hashes. bcrypt for what people choose or keep for long; SHA-256 for random tokens. */
public final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int BCRYPT_COST = 10;

    private Secrets() {
    }

    public static String randomToken(int bytes) {
        byte[] raw = new byte[bytes];
        RANDOM.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    public static String randomHex(int bytes) {
        byte[] raw = new byte[bytes];
        RANDOM.nextBytes(raw);
        return HexFormat.of().formatHex(raw);
    }

    public static String bcrypt(String secret) {
        return BCrypt.hashpw(secret, BCrypt.gensalt(BCRYPT_COST));
    }

    public static boolean bcryptMatches(String secret, String hash) {
        try {
            return hash != null && BCrypt.checkpw(secret, hash);
        } catch (IllegalArgumentException malformedHash) {
            return false;
        }
    }

    /** Enough for a 256-bit random token: there is nothing to brute-force, so no slow hash is needed. */
    public static String sha256Hex(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean constantTimeEquals(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
