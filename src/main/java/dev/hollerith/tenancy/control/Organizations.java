package dev.hollerith.tenancy.control;

import dev.hollerith.platform.control.UnknownResource;
import dev.hollerith.security.control.Caller;
import dev.hollerith.tenancy.entity.Organization;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

@Stateless
public class Organizations {

    @PersistenceContext
    EntityManager em;

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
}
