package dev.hollerith.alerts.control;

import dev.hollerith.crypto.control.StandardWebhooks;
import dev.hollerith.outbound.control.OutboundHttp;
import dev.hollerith.outbound.control.OutboundRequest;
import dev.hollerith.outbound.control.OutboundResponse;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends alert events as Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature) through the
 * outbound client, after the alert's transaction committed, off the thread that noticed the condition.
 * A failed send is tried again ({@code hollerith.alerts.attempts}, default 3, waiting 2 s, 4 s, ...).
 */
@ApplicationScoped
public class AlertDelivery {

    private static final Logger LOG = Logger.getLogger(AlertDelivery.class.getName());

    @Inject
    OutboundHttp outbound;

    @Resource
    ManagedScheduledExecutorService executor;

    @Inject
    @ConfigProperty(name = "hollerith.alerts.attempts", defaultValue = "3")
    int attempts;

    @Inject
    @ConfigProperty(name = "hollerith.alerts.timeout-ms", defaultValue = "10000")
    long timeoutMillis;

    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) AlertChanged change) {
        executor.execute(() -> send(change, 1));
    }

    private void send(AlertChanged change, int attempt) {
        byte[] body = change.payload().getBytes(StandardCharsets.UTF_8);
        long timestamp = System.currentTimeMillis() / 1000;
        OutboundRequest request = OutboundRequest.postJson(URI.create(change.url()), change.payload(), Duration.ofMillis(timeoutMillis))
                .withHeader(StandardWebhooks.ID, change.messageId())
                .withHeader(StandardWebhooks.TIMESTAMP, Long.toString(timestamp))
                .withHeader(StandardWebhooks.SIGNATURE, StandardWebhooks.sign(change.secret(), change.messageId(), timestamp, body));
        String outcome;
        try {
            OutboundResponse response = outbound.send(request);
            if (response.isSuccess()) {
                return;
            }
            outcome = "HTTP " + response.status();
        } catch (RuntimeException failed) {
            outcome = failed.getClass().getSimpleName() + ": " + failed.getMessage();
        }
        LOG.log(Level.WARNING, "Alert {0} to {1}: attempt {2} failed ({3})",
                new Object[] {change.messageId(), request.origin(), attempt, outcome});
        if (attempt < Math.max(1, attempts)) {
            executor.schedule(() -> send(change, attempt + 1), 2L << (attempt - 1), TimeUnit.SECONDS);
        }
    }
}
