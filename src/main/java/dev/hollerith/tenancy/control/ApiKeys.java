package dev.hollerith.tenancy.control;

import dev.hollerith.platform.control.UnknownResource;
import dev.hollerith.security.control.BearerToken;
import dev.hollerith.security.control.Role;
import dev.hollerith.security.control.Secrets;
import dev.hollerith.security.control.TokenCache;
import dev.hollerith.tenancy.entity.ApiKey;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

@Stateless
public class ApiKeys {

    @PersistenceContext
    EntityManager em;

    @Inject
    TokenCache tokenCache;

    /** The only moment the whole key exists outside its owner's hands: it is returned once and stored as bcrypt. */
    public record Issued(ApiKey key, String token) {
    }

    public Issued issue(String organizationId, String name, Role role) {
        BearerToken token = BearerToken.issue(BearerToken.Kind.API_KEY);
        ApiKey key = new ApiKey(token.id(), organizationId, name.trim(), role, Secrets.bcrypt(token.toString()));
        em.persist(key);
        return new Issued(key, token.toString());
    }

    public java.util.Optional<ApiKey> find(String keyId) {
        return java.util.Optional.ofNullable(keyId == null ? null : em.find(ApiKey.class, keyId));
    }

    public List<ApiKey> ofOrganization(String organizationId, int offset, int limit) {
        return em.createNamedQuery(ApiKey.OF_ORGANIZATION, ApiKey.class)
                .setParameter("organization", organizationId)
                .setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public ApiKey revoke(String organizationId, String keyId) {
        ApiKey key = em.find(ApiKey.class, keyId);
        if (key == null || !key.organizationId().equals(organizationId)) {
            throw new UnknownResource("API key not found");
        }
        key.revoke();
        tokenCache.evict(BearerToken.Kind.API_KEY, keyId);
        return key;
    }

    /** Deletes every key of the organization (it is being deleted); each stops working at once, cluster-wide. */
    public int deleteAllOf(String organizationId) {
        List<ApiKey> keys = em.createNamedQuery(ApiKey.OF_ORGANIZATION, ApiKey.class)
                .setParameter("organization", organizationId).getResultList();
        for (ApiKey key : keys) {
            tokenCache.evict(BearerToken.Kind.API_KEY, key.id());
            em.remove(key);
        }
        return keys.size();
    }
}
