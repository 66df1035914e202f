package dev.hollerith.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hollerith.crypto.control.Aead;
import dev.hollerith.crypto.control.MasterKey;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;

class EnvelopeCryptoTest {

    private static final String AAD = "owner:org-1|integration:7";

    @Test
    void sealedSecretOpensWithSameKeyAndContext() {
        SecretKey key = newDataKey();
        byte[] sealed = Aead.seal(key, bytes("api-key-123"), AAD);
        assertEquals("api-key-123", new String(Aead.open(key, sealed, AAD), StandardCharsets.UTF_8));
    }

    @Test
    void sameSecretSealsDifferentlyEachTime() {
        SecretKey key = newDataKey();
        assertNotEquals(Base64.getEncoder().encodeToString(Aead.seal(key, bytes("x"), AAD)),
                Base64.getEncoder().encodeToString(Aead.seal(key, bytes("x"), AAD)));
    }

    @Test
    void rejectsTamperedCiphertext() {
        SecretKey key = newDataKey();
        byte[] sealed = Aead.seal(key, bytes("api-key-123"), AAD);
        sealed[sealed.length - 20] ^= 1;
        assertThrows(Aead.TamperedCiphertext.class, () -> Aead.open(key, sealed, AAD));
    }

    @Test
    void rejectsCiphertextMovedToAnotherOwnerOrIntegration() {
        SecretKey key = newDataKey();
        byte[] sealed = Aead.seal(key, bytes("api-key-123"), AAD);
        assertThrows(Aead.TamperedCiphertext.class, () -> Aead.open(key, sealed, "owner:org-2|integration:7"));
        assertThrows(Aead.TamperedCiphertext.class, () -> Aead.open(key, sealed, "owner:org-1|integration:8"));
    }

    @Test
    void rejectsTruncatedCiphertextAndWrongKey() {
        byte[] sealed = Aead.seal(newDataKey(), bytes("api-key-123"), AAD);
        assertThrows(Aead.TamperedCiphertext.class, () -> Aead.open(newDataKey(), sealed, AAD));
        assertThrows(Aead.TamperedCiphertext.class, () -> Aead.open(newDataKey(), new byte[5], AAD));
    }

    @Test
    void masterKeyRotationRewrapsDataKeyWithoutLosingSecrets() {
        MasterKey oldMaster = MasterKey.fromBase64(randomMasterKey());
        MasterKey newMaster = MasterKey.fromBase64(randomMasterKey());
        SecretKey dataKey = newDataKey();
        byte[] wrappedByOld = oldMaster.wrap(dataKey, "org-1");
        byte[] secret = Aead.seal(dataKey, bytes("token-abc"), AAD);

        byte[] wrappedByNew = newMaster.wrap(oldMaster.unwrap(wrappedByOld, "org-1"), "org-1");

        SecretKey recovered = newMaster.unwrap(wrappedByNew, "org-1");
        assertArrayEquals(dataKey.getEncoded(), recovered.getEncoded());
        assertEquals("token-abc", new String(Aead.open(recovered, secret, AAD), StandardCharsets.UTF_8));
        assertThrows(Aead.TamperedCiphertext.class, () -> oldMaster.unwrap(wrappedByNew, "org-1"));
        assertThrows(Aead.TamperedCiphertext.class, () -> newMaster.unwrap(wrappedByNew, "org-2"));
    }

    @Test
    void masterKeyIdIsStableAndKeyMustBe256Bits() {
        String encoded = randomMasterKey();
        assertEquals(MasterKey.fromBase64(encoded).id(), MasterKey.fromBase64(encoded).id());
        assertEquals(16, MasterKey.fromBase64(encoded).id().length());
        assertThrows(IllegalArgumentException.class, () -> MasterKey.fromBase64(Base64.getEncoder().encodeToString(new byte[16])));
        assertThrows(IllegalArgumentException.class, () -> MasterKey.fromBase64("not base64!"));
    }

    private static SecretKey newDataKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            return generator.generateKey();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomMasterKey() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
