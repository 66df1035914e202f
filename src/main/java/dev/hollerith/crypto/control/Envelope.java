package dev.hollerith.crypto.control;

import dev.hollerith.crypto.entity.DataKey;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

/**
 * Envelope encryption of secrets: each owner (an organization id, or {@link #INSTALLATION}) has a
 * data key wrapped by the master key; secrets are sealed with the owner's data key and bound by
 * associated data to the owner and a context (e.g. {@code "integration:12"}), so a ciphertext
 * copied to another row, owner or integration does not open.
 */
@Stateless
public class Envelope {

    /** Owner of secrets that belong to no organization (e.g. seed 001's clients). */
    public static final String INSTALLATION = "installation";

    private static final String FORMAT = "v1:";
    private static final Map<String, SecretKey> UNWRAPPED = new ConcurrentHashMap<>();

    @PersistenceContext
    EntityManager em;

    @Inject
    MasterKeyring keyring;

    public String seal(String ownerId, String context, String plaintext) {
        byte[] sealed = Aead.seal(dataKey(ownerId), plaintext.getBytes(StandardCharsets.UTF_8), aad(ownerId, context));
        return FORMAT + Base64.getEncoder().encodeToString(sealed);
    }

    /** @throws Aead.TamperedCiphertext when the text was changed or belongs to another owner or context */
    public String open(String ownerId, String context, String sealedText) {
        if (sealedText == null || !sealedText.startsWith(FORMAT)) {
            throw new IllegalArgumentException("Not a sealed secret");
        }
        byte[] sealed = Base64.getDecoder().decode(sealedText.substring(FORMAT.length()));
        return new String(Aead.open(dataKey(ownerId), sealed, aad(ownerId, context)), StandardCharsets.UTF_8);
    }

    private static String aad(String ownerId, String context) {
        return "owner:" + ownerId + "|" + context;
    }

    private SecretKey dataKey(String ownerId) {
        SecretKey cached = UNWRAPPED.get(ownerId);
        if (cached != null) {
            return cached;
        }
        DataKey stored = em.find(DataKey.class, ownerId);
        SecretKey key = stored != null ? unwrap(stored) : create(ownerId);
        UNWRAPPED.put(ownerId, key);
        return key;
    }

    private SecretKey unwrap(DataKey stored) {
        MasterKey master = keyring.byId(stored.masterKeyId()).orElseThrow(() -> new IllegalStateException(
                "Data key of " + stored.ownerId() + " is wrapped by master key " + stored.masterKeyId()
                        + ", which is neither HOLLERITH_MASTER_KEY nor listed in HOLLERITH_MASTER_KEY_PREVIOUS"));
        return master.unwrap(stored.wrapped(), stored.ownerId());
    }

    private SecretKey create(String ownerId) {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            SecretKey key = generator.generateKey();
            MasterKey master = keyring.current();
            em.persist(new DataKey(ownerId, master.id(), master.wrap(key, ownerId)));
            em.flush();
            return key;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Re-wraps every data key that a previous master key wrapped with the current one; the secrets
     * themselves are untouched, as the data keys do not change.
     *
     * @return how many data keys were re-wrapped
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public int rewrapDataKeys() {
        MasterKey current = keyring.current();
        int count = 0;
        for (DataKey stored : em.createNamedQuery(DataKey.WRAPPED_BY_OTHER, DataKey.class)
                .setParameter("current", current.id())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList()) {
            SecretKey key = unwrap(stored);
            stored.rewrap(current.id(), current.wrap(key, stored.ownerId()));
            count++;
        }
        return count;
    }
}
