package dev.hollerith.webhooks.control;

import dev.hollerith.alerts.control.Alerts;
import dev.hollerith.integrations.control.PushConfig;
import dev.hollerith.platform.control.Conflict;
import dev.hollerith.platform.control.HollerithException;
import dev.hollerith.platform.control.NotAuthenticated;
import dev.hollerith.platform.control.NotPermitted;
import dev.hollerith.platform.control.UnknownResource;
import dev.hollerith.ratelimit.control.Allowance;
import dev.hollerith.ratelimit.control.RateLimit;
import dev.hollerith.ratelimit.control.RateLimiter;
import dev.hollerith.security.control.Caller;
import dev.hollerith.webhooks.entity.SignatureVerdict;
import dev.hollerith.webhooks.entity.WebhookDelivery;
import dev.hollerith.widgetdata.control.ContentHash;
import dev.hollerith.widgetdata.control.DataQuarantined;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Inbound push, in the order DESIGN.md "Webhooks" demands: find the target, verify the raw bytes, spend
 * a permit, only then parse, store in a committed transaction, log, answer. Every delivery to a known
 * widget config leaves a log row, whatever its fate (except refusals of a source that is over its
 * failure limit: a flood must not become a flood of writes). The budget ({@code webhooks-per-hour}) is
 * per webhook URL and spent only by verified deliveries; failed verifications spend a separate
 * allowance per source address and URL, so forged traffic can never lock out the real sender.
 */
@ApplicationScoped
public class Webhooks {

    static final String INVALID_SIGNATURE = "Invalid webhook signature";
    private static final Logger LOG = Logger.getLogger(Webhooks.class.getName());

    @Inject
    WebhookTargets targets;

    @EJB
    Deliveries deliveries;

    @Inject
    DeliveryWriter writer;

    @Inject
    ReplayGuard replayGuard;

    @Inject
    Alerts alerts;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    @ConfigProperty(name = "hollerith.ratelimit.webhooks-per-hour", defaultValue = "1000")
    long webhooksPerHour;

    @Inject
    @ConfigProperty(name = "hollerith.ratelimit.webhook-failures-per-hour", defaultValue = "100")
    long failuresPerHour;


    @Inject
    @ConfigProperty(name = "hollerith.webhooks.max-depth", defaultValue = "64")
    int maxDepth;

    @Inject
    @ConfigProperty(name = "hollerith.webhooks.max-number-length", defaultValue = "100")
    int maxNumberLength;

    @Inject
    @ConfigProperty(name = "hollerith.webhooks.store-timeout-seconds", defaultValue = "10")
    long storeTimeoutSeconds;

    @Inject
    @ConfigProperty(name = "hollerith.webhooks.payload-capture-bytes", defaultValue = "16384")
    int payloadCaptureBytes;

    private WebhookVerifier verifier;
    private WebhookBody bodies;
    private RateLimit budget;
    private RateLimit failures;

    @PostConstruct
    void configure() {
        verifier = new WebhookVerifier(replayGuard.tolerance());
        // ±350 covers every double (1e308, 5e-324) while bounding what the content hash writes out
        bodies = new WebhookBody(maxDepth, maxNumberLength, 350);
        budget = RateLimit.perHour("webhooks", webhooksPerHour);
        failures = RateLimit.perHour("webhook-failures", failuresPerHour);
    }

    /** {@code earned} gets the webhook budget's allowance once a permit is spent, for the answer's RateLimit headers. */
    public Receipt receive(String integrationId, String widgetConfigId, InboundWebhook inbound, Consumer<Allowance> earned) {
        WebhookTarget target = targets.get(parseId(integrationId), widgetConfigId);
        Verification verification = verifier.verify(target.pushConfig(), target.credentials(), inbound,
                id -> replayGuard.claim(ReplayGuard.key(target.integrationId(), target.widgetConfigId(), id)));
        if (!verification.accepted()) {
            refuse(inbound, target, verification);
        }
        String replayKey = verification.webhookId() == null ? null
                : ReplayGuard.key(target.integrationId(), target.widgetConfigId(), verification.webhookId());
        try {
            earned.accept(rateLimiter.takeLeased(budget, target.budgetSubject()));
            if (!WebhookBody.acceptsContentType(inbound.header("Content-Type"))) {
                throw new UnsupportedContentType();
            }
            JsonValue data = dataOf(bodies.parse(inbound.body()));
            PendingDelivery.Stored stored = store(new PendingDelivery(target, data.toString(), ContentHash.of(data),
                    delivery(target, inbound, verification), replayKey, recognisesResends(target) ? sha256(inbound.body()) : null,
                    inbound.receivedAt(), new CompletableFuture<>()), () -> delivery(target, inbound, verification));
            if (stored.quarantined() != null) {
                // issue 17: kept as a quarantined version, its delivery logged as such in the same commit
                throw new DataQuarantined(stored.quarantined());
            }
            return new Receipt(stored.version(), inbound.receivedAt(), stored.duplicate());
        } catch (HollerithException refused) {
            forget(replayKey);
            if (refused.status() != 429 && !(refused instanceof StoreUnavailable) && !(refused instanceof DataQuarantined)) {
                recordQuietly(delivery(target, inbound, verification).reject(refused.getMessage()));
            }
            throw refused;
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
        WebhookTarget target = targets.get(integrationId, earlier.widgetConfigId());
        if (earlier.payload() == null || earlier.payloadTruncated()) {
            throw new Conflict("This delivery's payload was not stored whole (over the capture limit), so it cannot be applied again");
        }
        byte[] body = earlier.payload().getBytes(StandardCharsets.UTF_8);
        JsonValue data = dataOf(bodies.parse(body));
        Instant now = Instant.now();
        WebhookDelivery applied = new WebhookDelivery(integrationId, target.widgetConfigId(), target.organizationId(), now,
                null, body.length, SignatureVerdict.OPERATOR, null).capture(earlier.payload(), false, earlier.requestHeaders());
        PendingDelivery.Stored stored = store(new PendingDelivery(target, data.toString(), ContentHash.of(data), applied, null, null, now,
                new CompletableFuture<>()), () -> new WebhookDelivery(integrationId, target.widgetConfigId(), target.organizationId(), now,
                null, body.length, SignatureVerdict.OPERATOR, null));
        return new Receipt(stored.version(), now, false);
    }

    /**
     * The Meta / Facebook subscription handshake: echo {@code hub.challenge} when {@code hub.verify_token}
     * equals the widget config's verify-token credential; refuse anything else with 403.
     */
    public String challenge(String integrationId, String widgetConfigId, String mode, String verifyToken, String challenge,
                            String sourceAddress) {
        WebhookTarget target = targets.get(parseId(integrationId), widgetConfigId);
        String expected = target.credentials() == null ? null : target.credentials().get(target.pushConfig().verifyTokenCredential());
        boolean complete = "subscribe".equals(mode) && verifyToken != null && challenge != null;
        if (!complete || expected == null || expected.isEmpty() || !WebhookVerifier.equalInConstantTime(expected, verifyToken)) {
            rateLimiter.consume(failures, failureSubject(sourceAddress, target));
            throw new NotPermitted(complete ? "Verification refused: the verify token does not match"
                    : "Verification refused: send hub.mode=subscribe, hub.verify_token and hub.challenge");
        }
        rateLimiter.consumeLeased(budget, target.budgetSubject());
        return challenge;
    }

    private void refuse(InboundWebhook inbound, WebhookTarget target, Verification verification) {
        // over the failure allowance this throws 429 before anything is written
        rateLimiter.consume(failures, failureSubject(inbound.sourceAddress(), target));
        recordQuietly(delivery(target, inbound, verification).reject(verification.reason()));
        alerts.webhookForged(target.organizationId(), target.integrationId(), target.widgetConfigId());
        // one answer for every refusal (seed 002): the log, not the sender, learns which check failed
        throw new NotAuthenticated(INVALID_SIGNATURE);
    }

    /** Waits for the group commit; {@code logRow} makes a fresh log row for a delivery the database refused. */
    private PendingDelivery.Stored store(PendingDelivery pending, java.util.function.Supplier<WebhookDelivery> logRow) {
        try {
            return writer.submit(pending).get(storeTimeoutSeconds, TimeUnit.SECONDS);
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof HollerithException refused) {
                throw refused;
            }
            LOG.log(Level.WARNING, "Webhook for integration {0} could not be stored: {1}",
                    new Object[] {pending.target().integrationId(), rootCause(failed.getCause())});
            recordQuietly(logRow.get().reject("not stored: the database refused the write"));
            throw new StoreUnavailable();
        } catch (TimeoutException slow) {
            LOG.log(Level.WARNING, "Webhook for integration {0} not stored within {1} s", new Object[] {pending.target().integrationId(), storeTimeoutSeconds});
            throw new StoreUnavailable();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailable();
        }
    }

    /** Schemes without a message id (HMAC, X-API-Key): a byte-identical re-send is recognised by its body's hash. */
    private static boolean recognisesResends(WebhookTarget target) {
        PushConfig pushConfig = target.pushConfig();
        return pushConfig.checksApiKey() || pushConfig.scheme() == PushConfig.Scheme.HMAC_SHA1 || pushConfig.scheme() == PushConfig.Scheme.HMAC_SHA256;
    }

    private WebhookDelivery delivery(WebhookTarget target, InboundWebhook inbound, Verification verification) {
        return PayloadCapture.onto(new WebhookDelivery(target.integrationId(), target.widgetConfigId(), target.organizationId(), inbound.receivedAt(),
                inbound.sourceAddress(), inbound.body().length, verification.verdict(), inbound.header(StandardWebhookSignature.ID)),
                inbound, payloadCaptureBytes);
    }

    private static long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException notANumber) {
            throw new UnknownResource("Integration not found");
        }
    }

    /**
     * Failed verifications are counted per source address and webhook URL: a source that keeps failing
     * is refused cheaply (429, nothing written), while other URLs, and every verified sender, are unaffected.
     */
    private static String failureSubject(String address, WebhookTarget target) {
        return (address == null || address.isBlank() ? "unknown" : address) + "|" + target.budgetSubject();
    }

    /** API.md: {@code {"data": {...}}} stores {@code data}; a body without a top-level {@code data} member is stored whole. */
    static JsonValue dataOf(JsonValue body) {
        return body instanceof JsonObject object && object.containsKey("data") ? object.get("data") : body;
    }

    static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
