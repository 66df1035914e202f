package dev.hollerith.platform.boundary;

import dev.hollerith.platform.control.HollerithException;
import dev.hollerith.platform.control.ValidationFailed;
import jakarta.ejb.EJBException;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.persistence.PersistenceException;
import jakarta.resource.ResourceException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.SystemException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.transaction.xa.XAException;
import org.eclipse.persistence.exceptions.DatabaseException;

/**
 * The one place where failures become the error JSON of API.md. Nothing below a
 * {@link HollerithException} or a JAX-RS status reaches the body: no stack trace, no SQL, no
 * class names. Unexpected failures are logged with an incident id that the body repeats.
 */
@Provider
public class ErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ErrorMapper.class.getName());

    @Override
    public Response toResponse(Throwable thrown) {
        HollerithException known = findHollerith(thrown);
        if (known != null) {
            return fromHollerith(known);
        }
        Throwable cause = unwrap(thrown);

        if (cause instanceof WebApplicationException web && web.getResponse() != null) {
            return fromJaxRs(web);
        }
        if (isMalformedJson(cause)) {
            return error(400, "Malformed JSON: the request body could not be read as the expected JSON").build();
        }
        if (isDatabaseDown(cause)) {
            LOG.log(Level.WARNING, "Database unavailable: {0}", cause.getMessage());
            return error(503, "The database is unavailable; the request was not confirmed as saved. Try again shortly.")
                    .header("Retry-After", "5").build();
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected failure, incident " + incident, thrown);
        return error(500, "Internal server error (incident " + incident + ")").build();
    }

    private static Response fromHollerith(HollerithException known) {
        Response.ResponseBuilder builder;
        if (known instanceof ValidationFailed validation) {
            JsonObjectBuilder errors = Json.createObjectBuilder();
            validation.errors().forEach((field, messages) -> errors.add(field, Json.createArrayBuilder(messages)));
            builder = Response.status(422).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(Json.createObjectBuilder().add("error", known.getMessage()).add("errors", errors).build());
        } else {
            builder = error(known.status(), known.getMessage());
        }
        known.headers().forEach(builder::header);
        return builder.build();
    }

    private static Response fromJaxRs(WebApplicationException web) {
        Response original = web.getResponse();
        int status = original.getStatus();
        Response.ResponseBuilder builder = error(status, messageFor(status, web));
        for (Map.Entry<String, java.util.List<Object>> header : original.getHeaders().entrySet()) {
            if (!header.getKey().equalsIgnoreCase("Content-Type")) {
                header.getValue().forEach(value -> builder.header(header.getKey(), value));
            }
        }
        return builder.build();
    }

    private static String messageFor(int status, WebApplicationException web) {
        return switch (status) {
            case 400 -> "Bad request: a JSON request body may be missing or unreadable";
            case 401 -> "Authentication required: send Authorization: Bearer <token>";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 405 -> "Method not allowed" + (web instanceof NotAllowedException ? ": allowed are " + web.getResponse().getAllowedMethods() : "");
            case 406 -> "Not acceptable: this endpoint answers application/json";
            case 415 -> "Unsupported media type: send Content-Type: application/json";
            default -> Response.Status.fromStatusCode(status) != null
                    ? Response.Status.fromStatusCode(status).getReasonPhrase() : "Error " + status;
        };
    }

    public static Response.ResponseBuilder error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Json.createObjectBuilder().add("error", message).build());
    }

    /** Ours may arrive wrapped (by EJB, JSON-B or the entity reader); the innermost wins. */
    private static HollerithException findHollerith(Throwable thrown) {
        for (Throwable t = thrown; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof HollerithException known) {
                return known;
            }
        }
        return null;
    }

    private static Throwable unwrap(Throwable thrown) {
        Throwable current = thrown;
        while ((current instanceof EJBException || current instanceof RollbackException
                || (current instanceof ProcessingException && !(current.getCause() instanceof JsonbException)))
                && current.getCause() != null && current.getCause() != current) {
            current = current.getCause();
        }
        return current;
    }

    private static boolean isMalformedJson(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof JsonbException || t instanceof JsonParsingException || t instanceof jakarta.json.JsonException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return cause instanceof ProcessingException;
    }

    /**
     * The database (or the way to it) failed, not the request: PostgreSQL refused or dropped the
     * connection (SQLState class 08), is shutting down or starting (57P01-57P03), the pool could
     * not hand out a connection, or the transaction manager could not talk to the resource.
     * Whatever the layer that noticed first (driver, EclipseLink, pool, JTA), the answer is 503:
     * nothing is acknowledged that was not committed.
     */
    static boolean isDatabaseDown(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && isConnectionState(sql.getSQLState())) {
                return true;
            }
            if (t instanceof DatabaseException database && database.isCommunicationFailure()) {
                return true;
            }
            if (t instanceof ResourceException || t instanceof SystemException || t instanceof XAException) {
                return true;
            }
            if (t instanceof PersistenceException && String.valueOf(t.getMessage()).contains("Connection")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static boolean isConnectionState(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P0"));
    }
}
