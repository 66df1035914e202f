package dev.hollerith.security.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.ServiceConfigurationError;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.mindrot.jbcrypt.BCrypt;

/** Random secrets and their hashes. bcrypt for what people choose or keep for long; SHA-256 for random tokens. */
public final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    static final int DEFAULT_BCRYPT_COST = 10;
    /**
     * {@code hollerith.security.bcrypt-cost} (4–31, default 10): each step doubles the work of a
     * hash and of every check against it. Read once, where there is no injection (entities hash
     * too); a hash keeps the cost it was made with, so changing it affects new hashes only.
     */
    private static final int BCRYPT_COST = configuredCost();

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

    private static int configuredCost() {
        int cost;
        try {
            cost = ConfigProvider.getConfig().getOptionalValue("hollerith.security.bcrypt-cost", Integer.class).orElse(DEFAULT_BCRYPT_COST);
        } catch (RuntimeException | ServiceConfigurationError noConfiguration) {
            return DEFAULT_BCRYPT_COST; // outside the server (unit tests, tools)
        }
        if (cost < 4 || cost > 31) {
            Logger.getLogger(Secrets.class.getName()).warning("hollerith.security.bcrypt-cost=" + cost + " is outside 4-31; using "
                    + DEFAULT_BCRYPT_COST);
            return DEFAULT_BCRYPT_COST;
        }
        return cost;
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
