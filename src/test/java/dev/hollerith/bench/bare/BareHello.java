package dev.hollerith.bench.bare;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The same as ../shared/bench/bare: 304 for {@code If-None-Match: "7"}, else a tiny JSON. */
@Path("hello")
public class BareHello {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@HeaderParam("If-None-Match") String ifNoneMatch) {
        if ("\"7\"".equals(ifNoneMatch)) {
            return Response.notModified().build();
        }
        return Response.ok("{\"version\":7}").tag(new EntityTag("7")).build();
    }
}
