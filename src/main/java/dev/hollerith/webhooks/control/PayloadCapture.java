package dev.hollerith.webhooks.control;

import dev.hollerith.webhooks.entity.WebhookDelivery;
import jakarta.json.JsonObjectBuilder;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * What a delivery keeps of its request for the console's detail view: the body up to a size cap (so a
 * flood of large bodies cannot fill the database) and the headers that explain it. Signature and key
 * headers are stored as "[redacted]": the log is read by people who must not learn a valid signature
 * or API key from it.
 */
public final class PayloadCapture {

    /** Looked up once: every {@code Json.create...} call searches the class path for a provider again. */
    private static final jakarta.json.spi.JsonProvider JSON = jakarta.json.spi.JsonProvider.provider();

    static final List<String> HEADERS = List.of("Content-Type", "User-Agent", "X-Hub-Signature", "X-Hub-Signature-256",
            "X-Webhook-Signature", "webhook-id", "webhook-timestamp", "webhook-signature", "X-API-Key");
    static final Set<String> REDACTED = Set.of("x-hub-signature", "x-hub-signature-256", "x-webhook-signature",
            "webhook-signature", "x-api-key");
    public static final String REDACTION = "[redacted]";

    private PayloadCapture() {
    }

    public static WebhookDelivery onto(WebhookDelivery delivery, InboundWebhook inbound, int capBytes) {
        byte[] body = inbound.body();
        boolean truncated = body.length > capBytes;
        String text = decode(body, Math.min(body.length, Math.max(capBytes, 0)));
        JsonObjectBuilder headers = JSON.createObjectBuilder();
        for (String name : HEADERS) {
            String value = inbound.header(name);
            if (value != null) {
                headers.add(name, REDACTED.contains(name.toLowerCase(java.util.Locale.ROOT)) ? REDACTION : clip(value, 300));
            }
        }
        return delivery.capture(text, truncated, headers.build().toString());
    }

    /** UTF-8, with a character cut in half at the cap dropped rather than stored as garbage. */
    static String decode(byte[] body, int length) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(body, 0, length));
            String text = chars.toString();
            return length < body.length && text.endsWith("\uFFFD") ? text.substring(0, text.length() - 1) : text;
        } catch (CharacterCodingException impossibleWithReplace) {
            return "";
        }
    }

    private static String clip(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max) + "…";
    }
}
