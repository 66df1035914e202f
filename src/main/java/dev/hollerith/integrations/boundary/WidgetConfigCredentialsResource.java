package dev.hollerith.integrations.boundary;

import dev.hollerith.integrations.control.Credentials;
import dev.hollerith.integrations.control.ManagementLimits;
import dev.hollerith.platform.boundary.Data;
import dev.hollerith.platform.boundary.JsonBodies;
import dev.hollerith.platform.control.InvalidRequest;
import dev.hollerith.platform.control.ValidationFailed;
import dev.hollerith.security.boundary.CurrentCaller;
import dev.hollerith.widgets.control.WidgetConfigs;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
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
 * Seed 002 "Create/Update Widget Credentials": credentials of one widget config. The integration
 * comes as {@code integration_id} in the body (as the seed's example) or in the query (as its
 * parameter list); when both are given they must agree.
 */
@Path("dashboard/widget-configs/{config}/credentials")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({"admin", "member"})
public class WidgetConfigCredentialsResource {

    @PathParam("config")
    String configId;

    @Inject
    WidgetConfigs configs;

    @Inject
    Credentials credentials;

    @Inject
    ManagementLimits limits;

    @Inject
    CurrentCaller caller;

    @POST
    public Response create(@QueryParam("integration_id") String integrationId, JsonValue body) {
        return save(integrationId, body);
    }

    @PUT
    public Response replace(@QueryParam("integration_id") String integrationId, JsonValue body) {
        return save(integrationId, body);
    }

    private Response save(String queryIntegrationId, JsonValue body) {
        JsonObject object = JsonBodies.object(body);
        String organizationId = configs.get(configId, caller.get()).organizationId();
        limits.credentials(organizationId);
        long integrationId = integrationId(queryIntegrationId, object.get("integration_id"));
        var saved = credentials.saveForWidgetConfig(configId, integrationId, object.get("credentials"), caller.get());
        return Response.status(saved.created() ? 201 : 200).entity(Data.of(IntegrationViews.credential(saved.credential()))).build();
    }

    @GET
    public Data<JsonObject> get(@QueryParam("integration_id") String integrationId) {
        String organizationId = configs.get(configId, caller.get()).organizationId();
        limits.credentials(organizationId);
        return Data.of(IntegrationViews.credential(credentials.ofWidgetConfig(configId, integrationId(integrationId, null), caller.get())));
    }

    @DELETE
    public Response delete(@QueryParam("integration_id") String integrationId) {
        String organizationId = configs.get(configId, caller.get()).organizationId();
        limits.credentials(organizationId);
        credentials.delete(credentials.ofWidgetConfig(configId, integrationId(integrationId, null), caller.get()));
        return Response.noContent().build();
    }

    private static long integrationId(String fromQuery, JsonValue fromBody) {
        Long query = null;
        if (fromQuery != null && !fromQuery.isBlank()) {
            try {
                query = Long.parseLong(fromQuery.trim());
            } catch (NumberFormatException e) {
                throw new InvalidRequest("integration_id must be a whole number");
            }
        }
        Long body = null;
        if (fromBody != null && fromBody != JsonValue.NULL) {
            if (!(fromBody instanceof JsonNumber number && number.isIntegral())) {
                throw ValidationFailed.of("integration_id", "must be a whole number");
            }
            body = number.longValue();
        }
        if (query != null && body != null && !query.equals(body)) {
            throw new InvalidRequest("integration_id differs between the query (" + query + ") and the body (" + body + ")");
        }
        if (query == null && body == null) {
            throw ValidationFailed.of("integration_id", "is required (in the body or as ?integration_id=)");
        }
        return query != null ? query : body;
    }
}
