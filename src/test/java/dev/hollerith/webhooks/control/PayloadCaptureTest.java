package dev.hollerith.webhooks.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hollerith.webhooks.entity.SignatureVerdict;
import dev.hollerith.webhooks.entity.WebhookDelivery;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadCaptureTest {

    static WebhookDelivery capture(String body, Map<String, String> headers, int cap) {
        InboundWebhook inbound = new InboundWebhook(body.getBytes(StandardCharsets.UTF_8),
                name -> headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst().orElse(null),
                Instant.now(), "127.0.0.1");
        WebhookDelivery delivery = new WebhookDelivery(1, "c", "o", Instant.now(), "127.0.0.1", body.length(), SignatureVerdict.VALID, null);
        return PayloadCapture.onto(delivery, inbound, cap);
    }

    @Test
    void keepsTheBodyAndRedactsSignaturesAndKeys() {
        WebhookDelivery d = capture("{\"data\":1}", Map.of("X-Hub-Signature-256", "sha256=abcdef0123", "x-api-key", "k-secret",
                "Content-Type", "application/json", "Authorization", "Bearer never"), 1000);
        assertEquals("{\"data\":1}", d.payload());
        assertFalse(d.payloadTruncated());
        assertTrue(d.requestHeaders().contains("\"X-Hub-Signature-256\":\"[redacted]\""), d.requestHeaders());
        assertTrue(d.requestHeaders().contains("\"X-API-Key\":\"[redacted]\""), d.requestHeaders());
        assertTrue(d.requestHeaders().contains("application/json"));
        assertFalse(d.requestHeaders().contains("abcdef0123") || d.requestHeaders().contains("k-secret") || d.requestHeaders().contains("never"));
    }

    @Test
    void cutsAtTheCapWithoutHalfACharacter() {
        WebhookDelivery d = capture("ab€cd", Map.of(), 3); // € is three bytes: the cap falls inside it
        assertTrue(d.payloadTruncated());
        assertEquals("ab", d.payload());
    }
}
