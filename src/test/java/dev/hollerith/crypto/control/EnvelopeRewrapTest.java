package dev.hollerith.crypto.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hollerith.crypto.entity.DataKey;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * What a restart with a rotated master key relies on (RestartIT rotates twice at boot): once the
 * boot re-wrapped every data key, the previous master key may be forgotten and the secrets still
 * open. The data keys live in a map behind a fake EntityManager.
 */
class EnvelopeRewrapTest {

    private static final String CONTEXT = "integration:7";

    @Test
    void aRewrappedDataKeyOpensWithTheNewMasterKeyAlone() {
        String oldKey = randomMasterKey();
        String newKey = randomMasterKey();
        MasterKey oldMaster = MasterKey.fromBase64(oldKey);
        // Envelope caches unwrapped data keys per owner for the JVM: an owner of its own
        String owner = "org-" + UUID.randomUUID();
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        SecretKeySpec dataKey = new SecretKeySpec(raw, "AES");
        // as a server with the old master key stored them: the wrapped data key, and a secret in the stored format
        Map<String, DataKey> table = new HashMap<>(Map.of(owner, new DataKey(owner, oldMaster.id(), oldMaster.wrap(dataKey, owner))));
        String sealed = "v1:" + Base64.getEncoder().encodeToString(
                Aead.seal(dataKey, "token-abc".getBytes(StandardCharsets.UTF_8), "owner:" + owner + "|" + CONTEXT));

        Envelope forgetful = envelope(table, keyring(newKey, null));
        assertThrows(IllegalStateException.class, () -> forgetful.open(owner, CONTEXT, sealed), "not re-wrapped yet");

        assertEquals(1, envelope(table, keyring(newKey, oldKey)).rewrapDataKeys());
        assertEquals(MasterKey.fromBase64(newKey).id(), table.get(owner).masterKeyId());

        assertEquals("token-abc", forgetful.open(owner, CONTEXT, sealed));
        assertEquals(0, envelope(table, keyring(newKey, null)).rewrapDataKeys(), "nothing left to re-wrap");
    }

    private static MasterKeyring keyring(String current, String previous) {
        MasterKeyring keyring = new MasterKeyring();
        keyring.configuredKey = Optional.of(current);
        keyring.previousKeys = Optional.ofNullable(previous);
        keyring.load();
        return keyring;
    }

    /** Finds data keys by owner, and answers the query for those another master key wrapped. */
    private static Envelope envelope(Map<String, DataKey> table, MasterKeyring keyring) {
        Envelope envelope = new Envelope();
        envelope.keyring = keyring;
        envelope.em = fake(EntityManager.class, (proxy, method, args) -> switch (method.getName()) {
            case "find" -> table.get((String) args[1]);
            case "createNamedQuery" -> {
                String[] current = new String[1];
                yield fake(TypedQuery.class, (query, queryMethod, queryArgs) -> switch (queryMethod.getName()) {
                    case "setParameter" -> {
                        current[0] = (String) queryArgs[1];
                        yield query;
                    }
                    case "setLockMode" -> query;
                    case "getResultList" -> table.values().stream().filter(stored -> !stored.masterKeyId().equals(current[0])).toList();
                    default -> throw new UnsupportedOperationException(queryMethod.getName());
                });
            }
            default -> throw new UnsupportedOperationException(method.getName());
        });
        return envelope;
    }

    @SuppressWarnings("unchecked")
    private static <T> T fake(Class<T> type, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
    }

    private static String randomMasterKey() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }
}
