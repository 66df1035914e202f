package dev.hollerith.security.boundary;

import dev.hollerith.platform.boundary.AnswerHoldsSecret;
import dev.hollerith.platform.control.Conflict;
import dev.hollerith.platform.control.IdempotencyKeyReused;
import dev.hollerith.platform.control.IdempotentAnswers;
import dev.hollerith.platform.control.InvalidRequest;
import dev.hollerith.platform.entity.IdempotentAnswer;
import dev.hollerith.security.control.Caller;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * {@code Idempotency-Key} on every POST of an authenticated caller, in one place: the first request
 * with a key runs and its answer is stored; the same key with the same request within the retention
 * time gets that answer again with {@code Idempotent-Replayed: true}; the same key with another
 * request gets 422; a duplicate arriving while the first still runs gets 409. Failures that a retry
 * may cure (5xx, 429) are not remembered. Anonymous POSTs (sign-in, webhooks) are not covered: a
 * stored sign-in answer would be a stored session token, and webhook senders de-duplicate their own way.
 */
@Provider
@Priority(Priorities.USER + 500)
public class IdempotencyFilter implements ContainerRequestFilter, ContainerResponseFilter, WriterInterceptor {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    static final int MAX_KEY = 255;
    private static final String CLAIMED = IdempotencyFilter.class.getName() + ".claimed";
    private static final String STATUS = IdempotencyFilter.class.getName() + ".status";
    private static final String SECRET = IdempotencyFilter.class.getName() + ".secret";

    @Inject
    IdempotentAnswers answers;

    @Context
    HttpServletRequest servletRequest;

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        String key = request.getHeaderString(HEADER);
        if (key == null || !"POST".equals(request.getMethod())) {
            return;
        }
        if (key.isBlank() || key.length() > MAX_KEY) {
            throw new InvalidRequest("Idempotency-Key must be 1 to " + MAX_KEY + " characters");
        }
        if (!(servletRequest.getAttribute(Caller.class.getName()) instanceof Caller caller)) {
            return;
        }
        byte[] body = request.hasEntity() ? readAll(request.getEntityStream()) : new byte[0];
        request.setEntityStream(new ByteArrayInputStream(body));
        String id = sha256(("caller\n" + caller.encode() + "\nkey\n" + key).getBytes(StandardCharsets.UTF_8));
        String requestHash = sha256(concat(("POST\n" + request.getUriInfo().getRequestUri().getRawPath() + "\n"
                + nullToEmpty(request.getUriInfo().getRequestUri().getRawQuery()) + "\n").getBytes(StandardCharsets.UTF_8), body));
        IdempotentAnswers.Claim claim = answers.claim(id, requestHash);
        if (claim.fresh()) {
            request.setProperty(CLAIMED, id);
            return;
        }
        request.abortWith(replay(claim.earlier(), requestHash));
    }

    private static Response replay(IdempotentAnswer earlier, String requestHash) {
        if (!earlier.sameRequest(requestHash)) {
            throw new IdempotencyKeyReused();
        }
        if (!earlier.isComplete()) {
            throw new Conflict("A request with this Idempotency-Key is still being processed; retry in a moment");
        }
        if (earlier.withheld()) {
            throw new Conflict("This request was already carried out with this Idempotency-Key; "
                    + "its answer held a secret that is shown only once");
        }
        Response.ResponseBuilder answer = Response.status(earlier.status()).header(REPLAYED, "true");
        if (earlier.body() != null) {
            answer.entity(earlier.body().getBytes(StandardCharsets.UTF_8))
                    .type(earlier.contentType() == null ? MediaType.APPLICATION_JSON : earlier.contentType());
        }
        return answer.build();
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(CLAIMED) instanceof String id)) {
            return;
        }
        int status = response.getStatus();
        if (status >= 500 || status == 429) {
            answers.release(id);
            request.removeProperty(CLAIMED);
            return;
        }
        boolean secret = resource != null && resource.getResourceMethod() != null
                && resource.getResourceMethod().isAnnotationPresent(AnswerHoldsSecret.class);
        if (!response.hasEntity() || secret) {
            answers.complete(id, status, null, null, secret);
            request.removeProperty(CLAIMED);
            return;
        }
        // the entity is still an object here: its bytes are recorded while they are written
        request.setProperty(STATUS, status);
        request.setProperty(SECRET, secret);
    }

    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
        if (!(context.getProperty(CLAIMED) instanceof String id) || !(context.getProperty(STATUS) instanceof Integer status)) {
            context.proceed();
            return;
        }
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        OutputStream original = context.getOutputStream();
        context.setOutputStream(new FilterOutputStream(original) {
            @Override
            public void write(int b) throws IOException {
                copy.write(b);
                out.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                copy.write(bytes, offset, length);
                out.write(bytes, offset, length);
            }
        });
        context.proceed();
        context.setOutputStream(original);
        context.removeProperty(CLAIMED);
        MediaType type = context.getMediaType();
        answers.complete(id, status, type == null ? null : type.toString(), copy.toString(StandardCharsets.UTF_8), false);
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
