package dev.hollerith.webhooks.boundary;

import dev.hollerith.platform.boundary.PlacedFilter;
import dev.hollerith.ratelimit.control.Allowance;
import dev.hollerith.webhooks.control.InboundWebhook;
import dev.hollerith.webhooks.control.Receipt;
import dev.hollerith.webhooks.control.Webhooks;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Enumeration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Webhook deliveries taken before JAX-RS: a {@code POST /webhooks/widgets/{integration_id}/{widget_config_id}}
 * is read, verified and stored here by the same {@link Webhooks#receive} as in {@link WebhooksResource},
 * and its acknowledgement (200, or 202 for a re-send) written with the same body and RateLimit headers.
 * Profiles under load put about a third of a delivery's request-thread CPU in Jersey (routing, HK2
 * look-ups, filter stages, the telemetry listener, response building) for an answer of three fields
 * (docs/webhooks.md).
 * <p>
 * Only acknowledgements are written here. Every refusal and failure goes on to {@link WebhooksResource}
 * with the body already read and the exception attached as a request attribute; the resource throws it,
 * so the one exception mapper still gives every error its JSON (API.md) and nothing is verified, counted
 * or logged twice. A body over the limit, and any path JAX-RS would have to decode, are left to JAX-RS whole.
 * <p>
 * Registered after every filter the application declares: after the in-flight count and the method guard
 * (a shutting-down instance still turns deliveries away) and the bearer authentication (which leaves
 * anonymous requests alone).
 */
@WebListener
public class WebhookShortcut extends PlacedFilter {

    static final String PREFIX = "/webhooks/widgets/";
    /** The refusal or failure of a delivery taken here, for {@link WebhooksResource} to throw. */
    static final String REFUSED = WebhookShortcut.class.getName() + ".refused";
    /** The budget's allowance spent by a delivery refused after its permit, for {@link WebhooksResource} to send as headers. */
    static final String EARNED = WebhookShortcut.class.getName() + ".earned";

    @Inject
    Webhooks webhooks;

    @Inject
    @ConfigProperty(name = "hollerith.http.max-body-bytes", defaultValue = "262144")
    long maxBodyBytes;

    @Inject
    @ConfigProperty(name = "hollerith.webhooks.trust-forwarded-for", defaultValue = "false")
    boolean trustForwardedFor;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String[] ids = "POST".equals(request.getMethod()) ? ids(request.getRequestURI(), request.getContextPath()) : null;
        if (ids == null || request.getContentLengthLong() > maxBodyBytes) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
        if (body.length > maxBodyBytes) {
            // a chunked body past the limit: JAX-RS reads it again, from these bytes on, and answers 413
            chain.doFilter(new ReadAgain(request, body), response);
            return;
        }
        Receipt receipt;
        Allowance[] earned = new Allowance[1];
        try {
            InboundWebhook inbound = new InboundWebhook(body, name -> header(request, name), Instant.now(),
                    WebhooksResource.sourceAddress(request, trustForwardedFor));
            receipt = webhooks.receive(ids[0], ids[1], inbound, allowance -> earned[0] = allowance);
        } catch (RuntimeException refused) {
            request.setAttribute(REFUSED, refused);
            if (earned[0] != null) {
                request.setAttribute(EARNED, earned[0]);
            }
            chain.doFilter(new ReadAgain(request, body), response);
            return;
        }
        byte[] answer = WebhooksResource.answer(receipt).toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(receipt.duplicate() ? HttpServletResponse.SC_ACCEPTED : HttpServletResponse.SC_OK);
        earned[0].headers().forEach(response::setHeader);
        response.setContentType("application/json");
        response.setContentLength(answer.length);
        response.getOutputStream().write(answer);
    }

    /** As JAX-RS reads a header: every value, comma-separated; null when absent. */
    static String header(HttpServletRequest request, String name) {
        Enumeration<String> values = request.getHeaders(name);
        if (values == null || !values.hasMoreElements()) {
            return null;
        }
        String first = values.nextElement();
        if (!values.hasMoreElements()) {
            return first;
        }
        StringBuilder all = new StringBuilder(first);
        while (values.hasMoreElements()) {
            all.append(',').append(values.nextElement());
        }
        return all.toString();
    }

    /** The two ids of {@code /webhooks/widgets/{integration_id}/{widget_config_id}}; null for any other path or one JAX-RS would have to decode. */
    static String[] ids(String uri, String contextPath) {
        if (!uri.startsWith(PREFIX, contextPath.length())) {
            return null;
        }
        int start = contextPath.length() + PREFIX.length();
        int slash = uri.indexOf('/', start);
        if (slash <= start || slash == uri.length() - 1) {
            return null;
        }
        for (int i = start; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if ((c == '/' && i != slash) || c == '%' || c == ';') {
                return null;
            }
        }
        return new String[] {uri.substring(start, slash), uri.substring(slash + 1)};
    }

    /** The request with its body readable again: the bytes read here, then whatever the container still holds. */
    private static final class ReadAgain extends HttpServletRequestWrapper {
        private final ServletInputStream body;

        ReadAgain(HttpServletRequest request, byte[] read) throws IOException {
            super(request);
            InputStream again = new SequenceInputStream(new ByteArrayInputStream(read), request.getInputStream());
            this.body = new ServletInputStream() {
                private boolean finished;

                @Override
                public int read() throws IOException {
                    int b = again.read();
                    finished = b < 0;
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = again.read(buffer, offset, length);
                    finished = n < 0;
                    return n;
                }

                @Override
                public boolean isFinished() {
                    return finished;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("blocking reads only");
                }
            };
        }

        @Override
        public ServletInputStream getInputStream() {
            return body;
        }
    }

    @Override
    protected Place place() {
        return Place.AFTER_DECLARED;
    }

    @Override
    protected String urlPattern() {
        return PREFIX + "*";
    }
}
