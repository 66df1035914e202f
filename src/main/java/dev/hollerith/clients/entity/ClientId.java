package dev.hollerith.clients.entity;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Seed 001 names clients by MongoDB ObjectIds ({@code 507f1f77bcf86cd799439011}), and widgets
 * built against it may parse them: 24 lowercase hex digits, the first 8 the creation time in
 * seconds (big-endian), the rest random.
 */
public final class ClientId {

    private static final Pattern WELL_FORMED = Pattern.compile("[0-9a-f]{24}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ClientId() {
    }

    public static String generate() {
        return generate(Instant.now());
    }

    static String generate(Instant now) {
        byte[] id = new byte[12];
        long seconds = now.getEpochSecond();
        id[0] = (byte) (seconds >>> 24);
        id[1] = (byte) (seconds >>> 16);
        id[2] = (byte) (seconds >>> 8);
        id[3] = (byte) seconds;
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        System.arraycopy(random, 0, id, 4, 8);
        return HexFormat.of().formatHex(id);
    }

    public static boolean isWellFormed(String candidate) {
        return candidate != null && WELL_FORMED.matcher(candidate).matches();
    }

    /** The creation second encoded in the id, as an ObjectId's {@code getTimestamp()}. */
    public static Instant timestampOf(String id) {
        return Instant.ofEpochSecond(Long.parseLong(id.substring(0, 8), 16));
    }
}
