package dev.hollerith.tenancy.boundary;

import dev.hollerith.platform.boundary.AnswerHoldsSecret;
import dev.hollerith.platform.boundary.Data;
import dev.hollerith.platform.boundary.Paging;
import dev.hollerith.platform.control.FieldErrors;
import dev.hollerith.security.boundary.CurrentCaller;
import dev.hollerith.security.control.Role;
import dev.hollerith.tenancy.control.ApiKeys;
import dev.hollerith.tenancy.control.Organizations;
import dev.hollerith.tenancy.entity.ApiKey;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;

/** Organization API keys: the full key is in the creation answer only; lists never show a secret. */
@Path("dashboard/organizations/{org}/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({"admin", "member"})
public class ApiKeysResource {

    public record NewKey(String name, String role) {
        NewKey validated() {
            FieldErrors errors = new FieldErrors().text("name", name, 200);
            if (Role.parse(role).filter(r -> r != Role.ADMIN).isEmpty()) {
                errors.add("role", "must be one of member, player, punchcard");
            }
            errors.throwIfAny();
            return this;
        }
    }

    public record KeyView(String id, String name, String role, String prefix, Instant createdAt, Instant revokedAt) {
        static KeyView of(ApiKey k) {
            return new KeyView(k.id(), k.name(), k.role().roleName(), "hk_" + k.id(), k.createdAt(), k.revokedAt());
        }
    }

    public record IssuedKey(String id, String name, String role, String key, Instant createdAt) {
    }

    @Inject
    ApiKeys apiKeys;

    @Inject
    Organizations organizations;

    @Inject
    CurrentCaller caller;

    @PathParam("org")
    String organizationId;

    @POST
    @AnswerHoldsSecret
    public Response create(NewKey body) {
        organizations.get(organizationId, caller.get());
        NewKey request = FieldErrors.requireBody(body).validated();
        Role role = Role.parse(request.role()).orElseThrow();
        ApiKeys.Issued issued = apiKeys.issue(organizationId, request.name(), role);
        return Response.status(201).entity(Data.of(new IssuedKey(issued.key().id(), issued.key().name(),
                role.roleName(), issued.token(), issued.key().createdAt()))).build();
    }

    @GET
    public Data<List<KeyView>> list(@QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        organizations.get(organizationId, caller.get());
        Paging paging = Paging.of(limit, offset);
        return Data.of(apiKeys.ofOrganization(organizationId, paging.offset(), paging.limit()).stream().map(KeyView::of).toList());
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") String keyId) {
        organizations.get(organizationId, caller.get());
        apiKeys.revoke(organizationId, keyId);
        return Response.noContent().build();
    }
}
