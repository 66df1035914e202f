package dev.hollerith.tenancy.boundary;

import dev.hollerith.platform.boundary.Data;
import dev.hollerith.platform.control.FieldErrors;
import dev.hollerith.security.boundary.CurrentCaller;
import dev.hollerith.security.control.Caller;
import dev.hollerith.security.control.Role;
import dev.hollerith.tenancy.control.Organizations;
import dev.hollerith.tenancy.control.Users;
import dev.hollerith.tenancy.entity.User;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;

/** Members of an organization: people who sign in to the console and manage that organization only. */
@Path("dashboard/organizations/{org}/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UsersResource {

    public record NewUser(String email, String password) {
        NewUser validated() {
            FieldErrors errors = new FieldErrors().text("email", email, 254).text("password", password, 200);
            if (email != null && !email.matches("[^@\\s]+@[^@\\s]+")) {
                errors.add("email", "must be an email address");
            }
            if (password != null && password.length() < 10) {
                errors.add("password", "must be at least 10 characters");
            }
            errors.throwIfAny();
            return this;
        }
    }

    public record PasswordReset(String password) {
        PasswordReset validated() {
            FieldErrors errors = new FieldErrors().text("password", password, 200);
            if (password != null && password.length() < 10) {
                errors.add("password", "must be at least 10 characters");
            }
            errors.throwIfAny();
            return this;
        }
    }

    public record UserView(String id, String email, String role, String organizationId, Instant createdAt) {
        static UserView of(User u) {
            return new UserView(u.id(), u.email(), u.role().roleName(), u.organizationId(), u.createdAt());
        }
    }

    @Inject
    Users users;

    @Inject
    Organizations organizations;

    @Inject
    CurrentCaller caller;

    @PathParam("org")
    String organizationId;

    @POST
    @RolesAllowed({"admin", "member"})
    public Response create(NewUser body) {
        organizations.get(organizationId, caller.get());
        NewUser request = FieldErrors.requireBody(body).validated();
        User user = users.create(request.email(), request.password(), Role.MEMBER, organizationId);
        return Response.status(201).entity(Data.of(UserView.of(user))).build();
    }

    @GET
    @RolesAllowed({"admin", "member"})
    public Data<List<UserView>> list() {
        organizations.get(organizationId, caller.get());
        return Data.of(users.ofOrganization(organizationId).stream().map(UserView::of).toList());
    }

    /** Resets the password ({@code {"password"}}); the user's open sessions end. */
    @PATCH
    @Path("{id}")
    @RolesAllowed({"admin", "member"})
    public Data<UserView> resetPassword(@PathParam("id") String userId, PasswordReset body) {
        organizations.get(organizationId, caller.get());
        PasswordReset reset = FieldErrors.requireBody(body).validated();
        return Data.of(UserView.of(users.resetPassword(organizationId, userId, reset.password())));
    }

    /** Removes the member and ends its sessions; API keys belong to the organization and stay. */
    @DELETE
    @Path("{id}")
    @RolesAllowed({"admin", "member"})
    public Response remove(@PathParam("id") String userId) {
        Caller who = caller.get();
        organizations.get(organizationId, who);
        users.remove(organizationId, userId, who);
        return Response.noContent().build();
    }
}
