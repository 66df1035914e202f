package dev.hollerith.tenancy.control;

import dev.hollerith.platform.control.Conflict;
import dev.hollerith.platform.control.UnknownResource;
import dev.hollerith.security.control.Caller;
import dev.hollerith.tenancy.entity.Organization;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

@Stateless
public class Organizations {

    @PersistenceContext
    EntityManager em;

    @Inject
    Users users;

    @Inject
    ApiKeys apiKeys;

    public Organization create(String name) {
        Organization organization = new Organization(name.trim());
        em.persist(organization);
        return organization;
    }

    public Optional<Organization> find(String id) {
        return Optional.ofNullable(id == null ? null : em.find(Organization.class, id));
    }

    /** The organization, if the caller may see it; otherwise 404 as if it did not exist. */
    public Organization get(String id, Caller caller) {
        caller.requireAccess(id, "Organization");
        return find(id).orElseThrow(() -> new UnknownResource("Organization not found"));
    }

    public List<Organization> visibleTo(Caller caller, int offset, int limit) {
        if (caller.isAdmin()) {
            return em.createNamedQuery(Organization.ALL, Organization.class)
                    .setFirstResult(offset).setMaxResults(limit).getResultList();
        }
        return find(caller.organizationId()).stream().toList();
    }

    public Organization rename(String id, String name, Caller caller) {
        Organization organization = get(id, caller);
        organization.rename(name.trim());
        return organization;
    }

    /**
     * Deletes the organization with its members (and their sessions), its API keys and its
     * organization-scoped credentials. Widget configs are the organization's work and carry their
     * own credentials and data: while any exists the answer is 409 naming how many.
     */
    public void delete(String id, Caller caller) {
        Organization organization = get(id, caller);
        long configs = em.createQuery("SELECT COUNT(c) FROM WidgetConfig c WHERE c.organizationId = :org", Long.class)
                .setParameter("org", id).getSingleResult();
        if (configs > 0) {
            throw new Conflict("The organization " + organization.name() + " still has " + configs + " widget config"
                    + (configs == 1 ? "" : "s") + ": delete them first");
        }
        users.removeAllOf(id);
        apiKeys.deleteAllOf(id);
        em.createQuery("DELETE FROM Credential c WHERE c.organizationId = :org").setParameter("org", id).executeUpdate();
        em.remove(organization);
    }
}
