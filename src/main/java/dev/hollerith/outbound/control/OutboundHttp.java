package dev.hollerith.outbound.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.apache.hc.client5.http.CircularRedirectException;
import org.apache.hc.client5.http.RedirectException;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.ProtocolException;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.Timeout;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one way the server calls URLs that tenants supply (pull endpoints, feeds, widget
 * notifications). http/https only; unambiguous host spellings only; destinations checked by
 * {@link DestinationPolicy} at resolution time, so the connection goes only to checked addresses
 * (redirects and DNS rebinding cannot reach refused space) and every redirect hop is checked again;
 * connections per host and in total bounded; a deadline per request; a cap on the response size.
 *
 * <p>Non-blocking: a few I/O threads carry every exchange, so thousands of pulls can be in flight
 * without a thread each ({@link #sendAsync}); {@link #send} waits for one. Every text this class
 * builds from a request, an answer or an exception passes {@link OutboundRequest#redact}, so a
 * credential filled into a URL never reaches an error text or a log line.
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

    @Inject
    @ConfigProperty(name = "hollerith.outbound.io-threads", defaultValue = "2")
    int ioThreads = 2;

    @Inject
    @ConfigProperty(name = "hollerith.outbound.max-wait-ms", defaultValue = "30000")
    long maxWaitMs = 30_000;

    private DestinationPolicy policy;
    private CloseableHttpAsyncClient client;
    private ScheduledExecutorService deadlines;
    private HostLanes lanes;

    @PostConstruct
    void open() {
        policy = new DestinationPolicy(allowList.orElse(""));
        var connections = PoolingAsyncClientConnectionManagerBuilder.create()
                .setDnsResolver(new GuardedDnsResolver(policy))
                .setMaxConnPerRoute(maxPerHost)
                .setMaxConnTotal(maxTotal)
                // one request per connection at a time, so the per-host limit means what it says
                .setDefaultTlsConfig(TlsConfig.custom().setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1).build())
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(10)).build())
                .build();
        client = HttpAsyncClients.custom()
                .setConnectionManager(connections)
                .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(Math.max(1, ioThreads)).build())
                .disableCookieManagement()
                // identity encoding keeps upstream ETags as the upstream made them (servers suffix
                // them for gzip), so conditional requests match
                .disableContentCompression()
                .disableAuthCaching()
                // HttpClient 5 retries 429/503 by default, waiting for the upstream's Retry-After
                // (minutes, past every deadline); callers decide when to retry
                .disableAutomaticRetries()
                .setRedirectStrategy(new CheckedRedirects())
                .setUserAgent("Hollerith/1.0")
                .setDefaultRequestConfig(RequestConfig.custom().setMaxRedirects(maxRedirects).setRedirectsEnabled(maxRedirects > 0).build())
                .build();
        client.start();
        deadlines = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "hollerith-outbound-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        lanes = new HostLanes(maxPerHost, deadlines);
    }

    @PreDestroy
    void close() {
        deadlines.shutdownNow();
        client.close(CloseMode.GRACEFUL);
    }

    /** Refuses a URL that could never be called: wrong scheme, no host, an ambiguous host spelling, or a host in refused space. */
    public void checkDestination(URI uri) {
        checkForm(uri);
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

    /** The checks that need no name resolution: also made for every redirect target. */
    static void checkForm(URI uri) {
        if (uri == null || uri.getScheme() == null || !List.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
            throw new OutboundRefused("Only http and https URLs are allowed");
        }
        String host = uri.getHost() != null ? uri.getHost() : hostOfAuthority(uri.getRawAuthority());
        DestinationPolicy.ambiguity(host).ifPresent(reason -> {
            throw new OutboundRefused("URL refused: " + reason);
        });
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new OutboundRefused("The URL has no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new OutboundRefused("URLs with user information are not allowed");
        }
    }

    /** java.net.URI gives no host for some numeric spellings (127.1, 0x7f.0.0.1): they are read from the authority. */
    private static String hostOfAuthority(String authority) {
        if (authority == null) {
            return null;
        }
        String host = authority.substring(authority.lastIndexOf('@') + 1);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    /** Sends and waits for the answer. @throws OutboundRefused / OutboundFailed, their messages safe to show */
    public OutboundResponse send(OutboundRequest request) {
        try {
            return sendAsync(request).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException known) {
                throw known;
            }
            throw new OutboundFailed("unreachable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutboundFailed("interrupted");
        }
    }

    /**
     * Sends without holding a thread. The future completes with the answer, or exceptionally with
     * {@link OutboundRefused} or {@link OutboundFailed} (never anything else), on an I/O thread:
     * callers hand slow work to their own threads.
     */
    public CompletableFuture<OutboundResponse> sendAsync(OutboundRequest request) {
        CompletableFuture<OutboundResponse> answer = new CompletableFuture<>();
        try {
            checkDestination(request.uri());
        } catch (OutboundRefused refused) {
            answer.completeExceptionally(new OutboundRefused(request.redact(refused.getMessage())));
            return answer;
        }
        String origin = HostLanes.origin(request.uri());
        Runnable exchange = () -> exchange(request, answer);
        lanes.submit(origin, exchange);
        if (!answer.isDone() && lanes.waiting(origin) > 0) {
            // bounded, so that a hanging host cannot keep a caller (and a pull lease) waiting for ever
            deadlines.schedule(() -> {
                if (lanes.withdraw(origin, exchange)) {
                    answer.completeExceptionally(failed(request, "not sent: " + maxPerHost + " requests to this host were in flight for "
                            + maxWaitMs + " ms"));
                }
            }, maxWaitMs, TimeUnit.MILLISECONDS);
        }
        answer.whenComplete((response, failure) -> {
            if (failure instanceof OutboundFailed reason) {
                LOG.info(() -> "Outbound " + request.method() + " " + request.origin() + " failed: " + reason.getMessage());
            }
        });
        return answer;
    }

    /** One exchange, once its host has room; ends its place on the host when it ends. */
    private void exchange(OutboundRequest request, CompletableFuture<OutboundResponse> answer) {
        String origin = HostLanes.origin(request.uri());
        SimpleHttpRequest http = SimpleHttpRequest.create(request.method(), request.uri());
        request.headers().forEach(http::setHeader);
        if (request.body() != null) {
            http.setBody(request.body(), contentType(request));
        }
        Timeout timeout = Timeout.ofMilliseconds(request.timeout().toMillis());
        http.setConfig(RequestConfig.custom()
                .setConnectionRequestTimeout(timeout)
                .setResponseTimeout(timeout)
                .setMaxRedirects(maxRedirects)
                .setRedirectsEnabled(maxRedirects > 0)
                .build());
        Future<OutboundResponse> exchange;
        try {
            exchange = client.execute(SimpleRequestProducer.create(http), new CappedResponse(maxResponseBytes), null,
                    new FutureCallback<>() {
                        @Override
                        public void completed(OutboundResponse response) {
                            answer.complete(response);
                        }

                        @Override
                        public void failed(Exception e) {
                            answer.completeExceptionally(translate(request, e));
                        }

                        @Override
                        public void cancelled() {
                            answer.completeExceptionally(OutboundHttp.failed(request, "no answer within " + request.timeout().toMillis() + " ms"));
                        }
                    });
        } catch (RuntimeException e) {
            answer.completeExceptionally(translate(request, e));
            lanes.finished(origin);
            return;
        }
        // the response timeout bounds each read; the deadline bounds the whole exchange, redirects included
        ScheduledFuture<?> deadline = deadlines.schedule(() -> {
            answer.completeExceptionally(failed(request, "no answer within " + request.timeout().toMillis() + " ms"));
            exchange.cancel(true);
        }, request.timeout().toMillis(), TimeUnit.MILLISECONDS);
        answer.whenComplete((response, failure) -> {
            deadline.cancel(false);
            lanes.finished(origin);
        });
    }

    private static ContentType contentType(OutboundRequest request) {
        for (var header : request.headers().entrySet()) {
            if (header.getKey().equalsIgnoreCase("Content-Type")) {
                try {
                    return ContentType.parse(header.getValue());
                } catch (RuntimeException unparsable) {
                    return ContentType.APPLICATION_OCTET_STREAM;
                }
            }
        }
        return ContentType.APPLICATION_OCTET_STREAM;
    }

    /** Our own words for what went wrong; whatever comes from the exception or the upstream is redacted. */
    private RuntimeException translate(OutboundRequest request, Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof GuardedDnsResolver.RefusedAddress refused) {
            return new OutboundRefused(request.redact("URL refused: " + refused.getMessage()));
        }
        if (cause instanceof CheckedRedirects.Refused refused) {
            return new OutboundRefused(request.redact("Redirect refused: " + refused.getMessage()));
        }
        if (cause instanceof OutboundRefused refused) {
            return new OutboundRefused(request.redact(refused.getMessage()));
        }
        if (cause instanceof CappedResponse.TooLarge) {
            return failed(request, "response larger than " + maxResponseBytes + " bytes");
        }
        if (cause instanceof UnknownHostException) {
            return failed(request, "host not found: " + request.uri().getHost());
        }
        if (cause instanceof CircularRedirectException) {
            return failed(request, "the upstream redirects in a circle");
        }
        if (cause instanceof RedirectException) {
            return failed(request, "more than " + maxRedirects + " redirects, or a redirect without a usable Location");
        }
        if (cause instanceof ProtocolException) {
            return failed(request, "the upstream's answer breaks HTTP (" + cause.getMessage() + ")");
        }
        if (cause instanceof InterruptedIOException || cause instanceof CancellationException) {
            return failed(request, "no answer within " + request.timeout().toMillis() + " ms");
        }
        if (cause instanceof IOException) {
            return failed(request, "unreachable (" + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + ")");
        }
        return failed(request, "failed (" + cause.getClass().getSimpleName() + ")");
    }

    /** Logged once, when it becomes the request's outcome. */
    private static OutboundFailed failed(OutboundRequest request, String reason) {
        return new OutboundFailed(request.redact(reason));
    }
}
