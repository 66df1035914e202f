package dev.hollerith.clients.control;

import dev.hollerith.outbound.control.OutboundFailed;
import dev.hollerith.outbound.control.OutboundHttp;
import dev.hollerith.outbound.control.OutboundRefused;
import dev.hollerith.outbound.control.OutboundRequest;
import dev.hollerith.outbound.control.OutboundResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends seed 001's POST to a client's external widget and reads its answer. Never throws for
 * what the widget does (down, slow, 4xx, 5xx, nonsense): the outcome says it. Logs each request
 * and answer at INFO, never the token.
 */
@ApplicationScoped
public class WidgetNotifier {

    private static final Logger LOG = Logger.getLogger(WidgetNotifier.class.getName());

    /** Seed 001 names the environment variable; the dotted key is the same setting in MicroProfile style. */
    static final String URL_VARIABLE = "EXTERNAL_WIDGET_API_URL";
    static final String URL_KEY = "external.widget.api.url";

    @Inject
    Config config;

    @Inject
    @ConfigProperty(name = "hollerith.clients.notify-timeout-ms", defaultValue = "10000")
    long timeoutMillis;

    @Inject
    OutboundHttp outbound;

    /** Seed 001: {@code EXTERNAL_WIDGET_API_URL} when set, else {@code {ha_url}/api/widget/disable}. */
    public String endpointFor(String haUrl) {
        return configuredEndpoint().orElseGet(() -> HomeAssistantUrl.widgetEndpoint(haUrl).toString());
    }

    Optional<String> configuredEndpoint() {
        return config.getOptionalValue(URL_VARIABLE, String.class)
                .or(() -> config.getOptionalValue(URL_KEY, String.class))
                .map(String::trim)
                .filter(url -> !url.isEmpty());
    }

    public NotificationOutcome notify(WidgetNotice notice, String haUrl) {
        String endpoint = endpointFor(haUrl);
        Instant sentAt = Instant.now();
        long started = System.nanoTime();
        URI uri;
        try {
            uri = URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            return failed(notice, sentAt, "(invalid URL)", started, "the widget URL is not a valid URL");
        }
        OutboundRequest request = OutboundRequest.postJson(uri, notice.toJson(), Duration.ofMillis(timeoutMillis));
        String url = request.redactedUri();
        LOG.info(() -> "Notifying the external widget of client " + notice.clientId() + ": POST " + url + " disabled=" + notice.disabled());
        try {
            OutboundResponse response = outbound.send(request);
            return answered(notice, sentAt, url, response, elapsedMillis(started));
        } catch (OutboundFailed | OutboundRefused e) {
            return failed(notice, sentAt, url, started, notice.scrub(e.getMessage()));
        } catch (RuntimeException e) {
            // the database change is committed whatever happens here; the log keeps the details
            LOG.log(Level.WARNING, "Notifying the external widget of client " + notice.clientId() + " failed unexpectedly: "
                    + e.getClass().getName());
            return failed(notice, sentAt, url, started, "the notification could not be sent (internal error)");
        }
    }

    private NotificationOutcome answered(WidgetNotice notice, Instant sentAt, String url, OutboundResponse response, long durationMs) {
        WidgetAnswer answer = WidgetAnswer.parse(response.bodyText());
        boolean delivered = response.isSuccess() && !Boolean.FALSE.equals(answer.success());
        String error = notice.scrub(answer.error());
        if (!delivered && error == null) {
            error = response.isSuccess() ? "the widget answered success=false" : "the widget answered HTTP " + response.status();
        }
        NotificationOutcome outcome = new NotificationOutcome(sentAt, url, notice.disabled(), delivered, response.status(),
                answer.success(), notice.scrub(answer.message()), error, durationMs);
        LOG.info(() -> "The external widget of client " + notice.clientId() + " answered HTTP " + outcome.statusCode() + " in "
                + durationMs + " ms: delivered=" + outcome.delivered() + ", success=" + outcome.success()
                + (outcome.message() == null ? "" : ", message=" + oneLine(outcome.message()))
                + (outcome.error() == null ? "" : ", error=" + oneLine(outcome.error())));
        return outcome;
    }

    private static NotificationOutcome failed(WidgetNotice notice, Instant sentAt, String url, long started, String reason) {
        long durationMs = elapsedMillis(started);
        LOG.info(() -> "The external widget of client " + notice.clientId() + " was not notified after " + durationMs + " ms: " + reason);
        return new NotificationOutcome(sentAt, url, notice.disabled(), false, null, null, null, reason, durationMs);
    }

    /** The widget's words are not ours: they must not forge extra log lines. */
    private static String oneLine(String text) {
        return text.replaceAll("\\p{Cntrl}", " ");
    }

    private static long elapsedMillis(long started) {
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }
}
