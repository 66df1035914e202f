package dev.hollerith.outbound.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one way the server calls URLs that tenants supply (pull endpoints, feeds, widget
 * notifications). http/https only; destinations checked by {@link DestinationPolicy} at
 * resolution time (so redirects and DNS rebinding cannot reach refused space); connections per
 * host bounded, so one hanging upstream cannot take every worker; a deadline per request; a cap
 * on the response size.
 */
@ApplicationScoped
public class OutboundHttp {

    private static final Logger LOG = Logger.getLogger(OutboundHttp.class.getName());

    @Inject
    @ConfigProperty(name = "hollerith.outbound.allow")
    Optional<String> allowList;

    @Inject
    @ConfigProperty(name = "hollerith.outbound.max-response-bytes", defaultValue = "5242880")
    long maxResponseBytes;

    @Inject
    @ConfigProperty(name = "hollerith.outbound.max-connections-per-host", defaultValue = "8")
    int maxPerHost;

    @Inject
    @ConfigProperty(name = "hollerith.outbound.max-connections", defaultValue = "128")
    int maxTotal;

    @Inject
    @ConfigProperty(name = "hollerith.outbound.max-redirects", defaultValue = "3")
    int maxRedirects;

    private DestinationPolicy policy;
    private CloseableHttpClient client;
    private ScheduledExecutorService deadlines;

    @PostConstruct
    void open() {
        policy = new DestinationPolicy(allowList.orElse(""));
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new GuardedDnsResolver(policy))
                .setMaxConnPerRoute(maxPerHost)
                .setMaxConnTotal(maxTotal)
                .build();
        client = HttpClients.custom()
                .setConnectionManager(connections)
                .disableCookieManagement()
                // identity encoding keeps upstream ETags as the upstream made them (servers suffix
                // them for gzip), so conditional requests match
                .disableContentCompression()
                .disableAuthCaching()
                // HttpClient 5 retries 429/503 by default, sleeping for the upstream's Retry-After on
                // the caller's thread (minutes, past every deadline); callers decide when to retry
                .disableAutomaticRetries()
                .setUserAgent("Hollerith/1.0")
                .setDefaultRequestConfig(RequestConfig.custom().setMaxRedirects(maxRedirects).setRedirectsEnabled(maxRedirects > 0).build())
                .build();
        deadlines = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "hollerith-outbound-deadlines");
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void close() {
        deadlines.shutdownNow();
        client.close(org.apache.hc.core5.io.CloseMode.GRACEFUL);
    }

    /** Refuses a URL that could never be called: wrong scheme, no host, or a host in refused space. */
    public void checkDestination(URI uri) {
        if (uri == null || uri.getScheme() == null || !List.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
            throw new OutboundRefused("Only http and https URLs are allowed");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new OutboundRefused("The URL has no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new OutboundRefused("URLs with user information are not allowed");
        }
        if (policy.isHostListed(uri.getHost())) {
            return;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(DestinationPolicy.normalize(uri.getHost()));
        } catch (UnknownHostException notResolvableHere) {
            return; // may resolve where and when it is called; the check is repeated then
        }
        for (InetAddress address : addresses) {
            policy.refusal(address).ifPresent(reason -> {
                throw new OutboundRefused("URL refused: " + uri.getHost() + ": " + reason);
            });
        }
    }

    public OutboundResponse send(OutboundRequest request) {
        checkDestination(request.uri());
        HttpUriRequestBase http = new HttpUriRequestBase(request.method(), request.uri());
        request.headers().forEach(http::setHeader);
        if (request.body() != null) {
            http.setEntity(new ByteArrayEntity(request.body(), null));
        }
        Timeout timeout = Timeout.ofMilliseconds(request.timeout().toMillis());
        http.setConfig(RequestConfig.custom()
                .setConnectionRequestTimeout(timeout)
                .setResponseTimeout(timeout)
                .setMaxRedirects(maxRedirects)
                .setRedirectsEnabled(maxRedirects > 0)
                .build());
        long started = System.nanoTime();
        // the response timeout bounds each read; the deadline bounds the whole exchange
        ScheduledFuture<?> deadline = deadlines.schedule(http::cancel, request.timeout().toMillis(), TimeUnit.MILLISECONDS);
        try {
            return client.execute(http, response -> toResponse(response, started));
        } catch (GuardedDnsResolver.RefusedAddress refused) {
            throw new OutboundRefused("URL refused: " + refused.getMessage());
        } catch (OutboundFailed | OutboundRefused known) {
            throw known;
        } catch (UnknownHostException unknown) {
            throw failed(request, "host not found: " + request.uri().getHost());
        } catch (InterruptedIOException timedOut) {
            throw failed(request, "no answer within " + request.timeout().toMillis() + " ms");
        } catch (IOException e) {
            if (http.isCancelled()) {
                throw failed(request, "no answer within " + request.timeout().toMillis() + " ms");
            }
            throw failed(request, "unreachable (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        } finally {
            deadline.cancel(false);
        }
    }

    private OutboundFailed failed(OutboundRequest request, String reason) {
        LOG.info(() -> "Outbound " + request.method() + " " + request.origin() + " failed: " + reason);
        return new OutboundFailed(reason);
    }

    private OutboundResponse toResponse(ClassicHttpResponse response, long started) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header header : response.getHeaders()) {
            headers.computeIfAbsent(header.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(header.getValue());
        }
        byte[] body = read(response.getEntity());
        return new OutboundResponse(response.getCode(), headers, body, Duration.ofNanos(System.nanoTime() - started));
    }

    private byte[] read(HttpEntity entity) throws IOException {
        if (entity == null) {
            return new byte[0];
        }
        if (entity.getContentLength() > maxResponseBytes) {
            throw new OutboundFailed("response larger than " + maxResponseBytes + " bytes");
        }
        try (InputStream in = entity.getContent()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            long total = 0;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                total += n;
                if (total > maxResponseBytes) {
                    throw new OutboundFailed("response larger than " + maxResponseBytes + " bytes");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }
}
