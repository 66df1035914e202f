package dev.hollerith.tenancy.boundary;

import dev.hollerith.platform.boundary.Data;
import dev.hollerith.platform.boundary.Paging;
import dev.hollerith.platform.control.FieldErrors;
import dev.hollerith.security.boundary.CurrentCaller;
import dev.hollerith.tenancy.control.Organizations;
import dev.hollerith.tenancy.entity.Organization;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;

@Path("dashboard/organizations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrganizationsResource {

    public record NewOrganization(String name) {
        NewOrganization validated() {
            new FieldErrors().text("name", name, 200).throwIfAny();
            return this;
        }
    }

    public record OrganizationView(String id, String name, Instant createdAt) {
        static OrganizationView of(Organization o) {
            return new OrganizationView(o.id(), o.name(), o.createdAt());
        }
    }

    @Inject
    Organizations organizations;

    @Inject
    CurrentCaller caller;

    @POST
    @RolesAllowed("admin")
    public Response create(NewOrganization body) {
        Organization created = organizations.create(FieldErrors.requireBody(body).validated().name());
        return Response.status(201).entity(Data.of(OrganizationView.of(created))).build();
    }

    @GET
    @RolesAllowed({"admin", "member"})
    public Data<List<OrganizationView>> list(@QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        Paging paging = Paging.of(limit, offset);
        return Data.of(organizations.visibleTo(caller.get(), paging.offset(), paging.limit()).stream().map(OrganizationView::of).toList());
    }

    @GET
    @Path("{org}")
    @RolesAllowed({"admin", "member"})
    public Data<OrganizationView> get(@PathParam("org") String id) {
        return Data.of(OrganizationView.of(organizations.get(id, caller.get())));
    }

    @PATCH
    @Path("{org}")
    @RolesAllowed("admin")
    public Data<OrganizationView> rename(@PathParam("org") String id, NewOrganization body) {
        String name = FieldErrors.requireBody(body).validated().name();
        return Data.of(OrganizationView.of(organizations.rename(id, name, caller.get())));
    }

    /** Cascades to members, API keys and organization credentials; 409 while widget configs exist. */
    @DELETE
    @Path("{org}")
    @RolesAllowed("admin")
    public Response delete(@PathParam("org") String id) {
        organizations.delete(id, caller.get());
        return Response.noContent().build();
    }
}
