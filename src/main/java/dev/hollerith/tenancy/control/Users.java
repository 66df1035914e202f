package dev.hollerith.tenancy.control;

import dev.hollerith.platform.control.Conflict;
import dev.hollerith.security.control.Role;
import dev.hollerith.tenancy.entity.User;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

@Stateless
public class Users {

    @PersistenceContext
    EntityManager em;

    public User create(String email, String password, Role role, String organizationId) {
        if (findByEmail(email).isPresent()) {
            throw new Conflict("A user with this email already exists");
        }
        User user = new User(email, password, role, organizationId);
        em.persist(user);
        return user;
    }

    public Optional<User> findByEmail(String email) {
        return em.createNamedQuery(User.BY_EMAIL, User.class)
                .setParameter("email", User.normalize(email))
                .getResultStream().findFirst();
    }

    public List<User> ofOrganization(String organizationId) {
        return em.createNamedQuery(User.OF_ORGANIZATION, User.class)
                .setParameter("organization", organizationId).getResultList();
    }

    public boolean anyAdmin() {
        return em.createNamedQuery(User.COUNT_ADMINS, Long.class).getSingleResult() > 0;
    }
}
