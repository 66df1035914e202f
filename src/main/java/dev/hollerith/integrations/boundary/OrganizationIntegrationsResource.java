package dev.hollerith.integrations.boundary;

import dev.hollerith.integrations.control.CredentialCheck;
import dev.hollerith.integrations.control.Credentials;
import dev.hollerith.integrations.control.Integrations;
import dev.hollerith.integrations.control.ManagementLimits;
import dev.hollerith.platform.boundary.Data;
import dev.hollerith.platform.boundary.JsonBodies;
import dev.hollerith.security.boundary.CurrentCaller;
import dev.hollerith.tenancy.control.Organizations;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An integration as an organization sees it (seed 002 "Get Integration Details"), its
 * organization-scoped credentials ("Create/Update Organization Credentials") and its test.
 * Another organization's path answers 404, before any rate limit is spent.
 */
@Path("dashboard/organizations/{org}/widget-integrations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({"admin", "member"})
public class OrganizationIntegrationsResource {

    @PathParam("org")
    String organizationId;

    @Inject
    Organizations organizations;

    @Inject
    Integrations integrations;

    @Inject
    Credentials credentials;

    @Inject
    CredentialCheck check;

    @Inject
    ManagementLimits limits;

    @Inject
    CurrentCaller caller;

    @GET
    @Path("{id}")
    public Data<JsonObject> get(@PathParam("id") long id) {
        organizations.get(organizationId, caller.get());
        limits.integrations(organizationId);
        return Data.of(IntegrationViews.integration(integrations.get(id)));
    }

    @POST
    @Path("{id}/credentials")
    public Response create(@PathParam("id") long id, JsonValue body) {
        return save(id, body);
    }

    @PUT
    @Path("{id}/credentials")
    public Response replace(@PathParam("id") long id, JsonValue body) {
        return save(id, body);
    }

    private Response save(long id, JsonValue body) {
        organizations.get(organizationId, caller.get());
        limits.credentials(organizationId);
        var saved = credentials.saveForOrganization(organizationId, id, JsonBodies.object(body).get("credentials"), caller.get());
        return Response.status(saved.created() ? 201 : 200).entity(Data.of(IntegrationViews.credential(saved.credential()))).build();
    }

    /** The stored credential's metadata and validation state; never its fields. */
    @GET
    @Path("{id}/credentials")
    public Data<JsonObject> credentials(@PathParam("id") long id) {
        organizations.get(organizationId, caller.get());
        limits.credentials(organizationId);
        return Data.of(IntegrationViews.credential(credentials.ofOrganization(organizationId, id, caller.get())));
    }

    @DELETE
    @Path("{id}/credentials")
    public Response deleteCredentials(@PathParam("id") long id) {
        organizations.get(organizationId, caller.get());
        limits.credentials(organizationId);
        credentials.delete(credentials.ofOrganization(organizationId, id, caller.get()));
        return Response.noContent().build();
    }

    /**
     * Seed 002 "Test Integration". Widget-scoped credentials are tested for one widget config,
     * named by {@code ?widget_config_id=}; its options also fill {@code {{config.x}}} placeholders.
     */
    @POST
    @Path("{id}/test")
    public JsonObject test(@PathParam("id") long id, @QueryParam("widget_config_id") String widgetConfigId) {
        organizations.get(organizationId, caller.get());
        limits.credentials(organizationId);
        return IntegrationViews.testResult(check.test(organizationId, id, widgetConfigId, caller.get()));
    }
}
