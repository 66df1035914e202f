package dev.hollerith.console.boundary;

import dev.hollerith.console.control.ConsoleAsset;
import dev.hollerith.platform.control.UnknownResource;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * The console's static files at {@code /admin/}. They load without a token (the page asks for
 * one and then calls the API with it), so nothing here may depend on who asks. Every answer
 * carries a strict Content-Security-Policy: scripts only from this origin, never inline, so a
 * message text that sneaks markup into the page cannot run.
 */
@Path("admin")
@PermitAll
public class ConsoleResource {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    @Context
    UriInfo uri;

    /**
     * Relative links in the page resolve against {@code /admin/}, so the bare path moves there.
     * Jersey sends {@code /admin/} here too (a trailing slash matches the bare path): that one is the page.
     */
    @GET
    public Response bare() {
        if (uri.getRequestUri().getRawPath().endsWith("/")) {
            return file("");
        }
        return secured(Response.status(Response.Status.MOVED_PERMANENTLY)
                .location(uri.getBaseUriBuilder().path("admin/").build())).build();
    }

    @GET
    @Path("{path: .*}")
    public Response file(@PathParam("path") String path) {
        ConsoleAsset asset = ConsoleAsset.load(path.isEmpty() ? ConsoleAsset.INDEX : path)
                .orElseThrow(() -> new UnknownResource("No such console file"));
        Response.ResponseBuilder response = Response.ok(asset.bytes(), asset.contentType());
        // The page is tiny and must pick up a new release at once; scripts and styles may be reused
        // for a while but are revalidated, since their names carry no version.
        response.header("Cache-Control", asset.isPage() ? "no-cache" : "public, max-age=300, must-revalidate");
        return secured(response).build();
    }

    private static Response.ResponseBuilder secured(Response.ResponseBuilder response) {
        return response.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Frame-Options", "DENY");
    }
}
