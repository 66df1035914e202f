package dev.hollerith.crypto.control;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * A 256-bit master key and its id (the first 8 bytes of its SHA-256, in hex). The id is stored
 * beside each wrapped data key so that a rotated master key can still unwrap the old ones.
 */
public record MasterKey(String id, SecretKey key) {

    public static MasterKey fromBase64(String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("A master key must be base64", e);
        }
        if (raw.length != 32) {
            throw new IllegalArgumentException("A master key must be 256 bits (32 bytes) of base64, got " + raw.length + " bytes");
        }
        try {
            String id = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw), 0, 8);
            return new MasterKey(id, new SecretKeySpec(raw, "AES"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Wraps an organization's data key; the owner id is the associated data. */
    public byte[] wrap(SecretKey dataKey, String ownerId) {
        return Aead.seal(key, dataKey.getEncoded(), "data-key:" + ownerId);
    }

    public SecretKey unwrap(byte[] wrapped, String ownerId) {
        return new SecretKeySpec(Aead.open(key, wrapped, "data-key:" + ownerId), "AES");
    }

    @Override
    public String toString() {
        return "MasterKey[" + id + "]";
    }
}
