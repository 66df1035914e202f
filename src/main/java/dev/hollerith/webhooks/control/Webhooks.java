package dev.hollerith.webhooks.control;

import dev.hollerith.platform.control.Conflict;
import dev.hollerith.security.control.Caller;
import dev.hollerith.webhooks.entity.SignatureVerdict;
import java.time.Instant;
import dev.hollerith.integrations.control.Credentials;
import dev.hollerith.integrations.control.Integrations;
import dev.hollerith.integrations.entity.WidgetIntegration;
import dev.hollerith.platform.control.HollerithException;
import dev.hollerith.platform.control.InvalidRequest;
import dev.hollerith.platform.control.NotAuthenticated;
import dev.hollerith.platform.control.NotPermitted;
import dev.hollerith.platform.control.UnknownResource;
import dev.hollerith.ratelimit.control.RateLimit;
import dev.hollerith.ratelimit.control.RateLimiter;
import dev.hollerith.webhooks.entity.WebhookDelivery;
import dev.hollerith.widgetdata.control.DataVersion;
import dev.hollerith.widgets.control.WidgetConfigs;
import dev.hollerith.widgets.entity.WidgetConfig;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Inbound push, in the order DESIGN.md "Webhooks" demands: find the target, spend a permit, verify the
 * raw bytes, only then parse, store in one committed transaction, log, answer. Every delivery to a known
 * widget config leaves a log row, whatever its fate. Deliberately not transactional itself: each step
 * that writes commits on its own, so a rejection's log row survives the rejection.
 */
@ApplicationScoped
public class Webhooks {

    static final String INVALID_SIGNATURE = "Invalid webhook signature";
    static final String NO_WEBHOOKS = "This integration does not support webhooks";
    private static final Logger LOG = Logger.getLogger(Webhooks.class.getName());

    @EJB
    Integrations integrations;

    @EJB
    WidgetConfigs widgetConfigs;

    @EJB
    Credentials credentials;

    @EJB
    WebhookIngest ingest;

    @EJB
    Deliveries deliveries;

    @Inject
    ReplayGuard replayGuard;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    @ConfigProperty(name = "hollerith.ratelimit.webhooks-per-hour", defaultValue = "1000")
    long webhooksPerHour;

    @Inject
    @ConfigProperty(name = "hollerith.webhooks.timestamp-tolerance-seconds", defaultValue = "300")
    long toleranceSeconds;

    @Inject
    @ConfigProperty(name = "hollerith.webhooks.payload-capture-bytes", defaultValue = "16384")
    int payloadCaptureBytes;

    private WebhookVerifier verifier;
    private RateLimit limit;

    @PostConstruct
    void configure() {
        verifier = new WebhookVerifier(Duration.ofSeconds(toleranceSeconds));
        limit = RateLimit.perHour("webhooks", webhooksPerHour);
    }

    private record Target(WidgetIntegration integration, WidgetConfig config) {
    }

    public Receipt receive(String integrationId, String widgetConfigId, InboundWebhook inbound) {
        Target target = target(integrationId, widgetConfigId);
        WidgetIntegration integration = target.integration();
        WidgetConfig config = target.config();
        rateLimiter.consume(limit, integration.id().toString());

        PushPolicy policy = PushPolicy.of(integration.pushConfig(), integration.credentialSchema());
        Map<String, String> fields = policy.checksSignature() || policy.checksApiKey()
                ? credentials.resolve(integration, config).orElse(null) : Map.of();
        Verification verification = verifier.verify(policy, fields, inbound,
                id -> replayGuard.claim(ReplayGuard.key(integration.id(), config.id(), id)));
        if (!verification.accepted()) {
            deliveries.recordRejected(delivery(target, inbound, verification).reject(verification.reason()));
            // one answer for every refusal (seed 002): the log, not the sender, learns which check failed
            throw new NotAuthenticated(INVALID_SIGNATURE);
        }
        String replayKey = verification.webhookId() == null ? null : ReplayGuard.key(integration.id(), config.id(), verification.webhookId());
        try {
            JsonValue data = dataOf(parse(inbound.body()));
            DataVersion version = ingest.accept(integration, config, data, delivery(target, inbound, verification), replayKey);
            return new Receipt(version.version(), inbound.receivedAt());
        } catch (HollerithException refused) {
            forget(replayKey);
            recordQuietly(delivery(target, inbound, verification).reject(refused.getMessage()));
            throw refused;
        } catch (RuntimeException storeFailed) {
            forget(replayKey);
            LOG.log(Level.WARNING, "Webhook for integration {0} could not be stored: {1}",
                    new Object[] {integration.id(), rootCause(storeFailed)});
            recordQuietly(delivery(target, inbound, verification).reject("not stored: the database refused the write"));
            throw new StoreUnavailable();
        }
    }

    /**
     * "Apply again" from the console: the stored payload of an earlier delivery becomes a new version,
     * logged as a delivery of its own (verdict {@code operator}). Only a payload stored whole can be
     * applied: a cut one would publish data the sender never sent.
     */
    public Receipt applyAgain(long integrationId, long deliveryId, Caller caller) {
        WebhookDelivery earlier = deliveries.find(deliveryId).filter(d -> d.integrationId() == integrationId)
                .filter(d -> caller.canAccess(d.organizationId()))
                .orElseThrow(() -> new UnknownResource("Delivery not found"));
        Target target = target(String.valueOf(integrationId), earlier.widgetConfigId());
        if (earlier.payload() == null || earlier.payloadTruncated()) {
            throw new Conflict("This delivery's payload was not stored whole (over the capture limit), so it cannot be applied again");
        }
        byte[] body = earlier.payload().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        JsonValue data = dataOf(parse(body));
        Instant now = Instant.now();
        WebhookDelivery applied = new WebhookDelivery(integrationId, target.config().id(), target.config().organizationId(), now,
                null, body.length, SignatureVerdict.OPERATOR, null).capture(earlier.payload(), false, earlier.requestHeaders());
        DataVersion version = ingest.accept(target.integration(), target.config(), data, applied, null);
        return new Receipt(version.version(), now);
    }

    /**
     * The Meta / Facebook subscription handshake: echo {@code hub.challenge} when {@code hub.verify_token}
     * equals the widget config's verify-token credential; refuse anything else with 403.
     */
    public String challenge(String integrationId, String widgetConfigId, String mode, String verifyToken, String challenge) {
        Target target = target(integrationId, widgetConfigId);
        rateLimiter.consume(limit, target.integration().id().toString());
        if (!"subscribe".equals(mode) || verifyToken == null || challenge == null) {
            throw new NotPermitted("Verification refused: send hub.mode=subscribe, hub.verify_token and hub.challenge");
        }
        PushPolicy policy = PushPolicy.of(target.integration().pushConfig(), target.integration().credentialSchema());
        String expected = credentials.resolve(target.integration(), target.config()).orElse(Map.of()).get(policy.verifyTokenCredential());
        if (expected == null || expected.isEmpty() || !WebhookVerifier.equalInConstantTime(expected, verifyToken)) {
            throw new NotPermitted("Verification refused: the verify token does not match");
        }
        return challenge;
    }

    private Target target(String integrationId, String widgetConfigId) {
        WidgetIntegration integration = parseId(integrationId).flatMap(integrations::find).filter(WidgetIntegration::isActive)
                .orElseThrow(() -> new UnknownResource("Integration not found"));
        WidgetConfig config = widgetConfigs.find(widgetConfigId).filter(c -> c.widgetId().equals(integration.widgetId()))
                .orElseThrow(() -> new UnknownResource("Widget config not found"));
        if (!integration.supportsPush()) {
            throw new InvalidRequest(NO_WEBHOOKS);
        }
        return new Target(integration, config);
    }

    private WebhookDelivery delivery(Target target, InboundWebhook inbound, Verification verification) {
        return PayloadCapture.onto(new WebhookDelivery(target.integration().id(), target.config().id(), target.config().organizationId(), inbound.receivedAt(),
                inbound.sourceAddress(), inbound.body().length, verification.verdict(), inbound.header(StandardWebhookSignature.ID)),
                inbound, payloadCaptureBytes);
    }

    private static java.util.Optional<Long> parseId(String id) {
        try {
            return java.util.Optional.of(Long.parseLong(id));
        } catch (NumberFormatException notANumber) {
            return java.util.Optional.empty();
        }
    }

    private static JsonValue parse(byte[] body) {
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body))) {
            return reader.readValue();
        } catch (JsonException | IllegalStateException malformed) {
            throw new InvalidRequest("Malformed JSON: the webhook body is not a JSON document");
        }
    }

    /** API.md: {@code {"data": {...}}} stores {@code data}; a body without a top-level {@code data} member is stored whole. */
    static JsonValue dataOf(JsonValue body) {
        return body instanceof JsonObject object && object.containsKey("data") ? object.get("data") : body;
    }

    /** The failure's kind without its message: a database message may quote the values it refused. */
    private static String rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getName() + (root instanceof java.sql.SQLException sql ? " (SQLState " + sql.getSQLState() + ")" : "");
    }

    private void forget(String replayKey) {
        if (replayKey != null) {
            replayGuard.release(replayKey);
        }
    }

    private void recordQuietly(WebhookDelivery rejected) {
        try {
            deliveries.recordRejected(rejected);
        } catch (RuntimeException logFailed) {
            LOG.log(Level.WARNING, "Could not log a rejected webhook delivery: {0}", logFailed.toString());
        }
    }
}
