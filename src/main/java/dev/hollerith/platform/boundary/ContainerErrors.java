package dev.hollerith.platform.boundary;

import jakarta.json.Json;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The error page of web.xml: answers the web container gives before JAX-RS is involved (a
 * protected {@code /WEB-INF} path, a refused method) in the API's {@code {"error": ...}} shape
 * instead of Payara's HTML report. Only the status travels into the body: the container's
 * message and exception may name classes or paths.
 */
@WebServlet(urlPatterns = "/errors/container")
public class ContainerErrors extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer number ? number : 404;
        Response.Status known = Response.Status.fromStatusCode(status);
        String message = status >= 500 ? "Internal server error"
                : status == 404 ? "Not found"
                : known != null ? known.getReasonPhrase() : "Error " + status;
        byte[] body = Json.createObjectBuilder().add("error", message).build().toString().getBytes(StandardCharsets.UTF_8);
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
