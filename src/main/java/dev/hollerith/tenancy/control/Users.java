package dev.hollerith.tenancy.control;

import dev.hollerith.platform.control.Conflict;
import dev.hollerith.platform.control.UnknownResource;
import dev.hollerith.security.control.BearerToken;
import dev.hollerith.security.control.Caller;
import dev.hollerith.security.control.Role;
import dev.hollerith.security.control.TokenCache;
import dev.hollerith.tenancy.entity.Session;
import dev.hollerith.tenancy.entity.User;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

@Stateless
public class Users {

    @PersistenceContext
    EntityManager em;

    @Inject
    TokenCache tokenCache;

    public User create(String email, String password, Role role, String organizationId) {
        if (findByEmail(email).isPresent()) {
            throw new Conflict("A user with this email already exists");
        }
        User user = new User(email, password, role, organizationId);
        em.persist(user);
        return user;
    }

    public Optional<User> find(String id) {
        return Optional.ofNullable(id == null ? null : em.find(User.class, id));
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

    /** The member of this organization, or 404 as if it did not exist. */
    public User ofOrganization(String organizationId, String userId) {
        User user = userId == null ? null : em.find(User.class, userId);
        if (user == null || !organizationId.equals(user.organizationId())) {
            throw new UnknownResource("User not found");
        }
        return user;
    }

    /** A new password ends every session the user has open: whoever knew the old one is signed out. */
    public User resetPassword(String organizationId, String userId, String newPassword) {
        User user = ofOrganization(organizationId, userId);
        user.changePassword(newPassword);
        endSessions(user.id());
        return user;
    }

    public void remove(String organizationId, String userId, Caller caller) {
        User user = ofOrganization(organizationId, userId);
        if (user.id().equals(caller.id())) {
            throw new Conflict("You cannot remove yourself; another member or an admin can");
        }
        endSessions(user.id());
        em.remove(user);
    }

    /** Removes every member of the organization with their sessions (the organization is being deleted). */
    public int removeAllOf(String organizationId) {
        List<User> members = ofOrganization(organizationId);
        for (User user : members) {
            endSessions(user.id());
            em.remove(user);
        }
        return members.size();
    }

    void endSessions(String userId) {
        List<Session> open = em.createQuery("SELECT s FROM Session s WHERE s.userId = :user", Session.class)
                .setParameter("user", userId).getResultList();
        for (Session session : open) {
            em.remove(session);
            tokenCache.evict(BearerToken.Kind.SESSION, session.id());
        }
    }

    public boolean anyAdmin() {
        return em.createNamedQuery(User.COUNT_ADMINS, Long.class).getSingleResult() > 0;
    }
}
