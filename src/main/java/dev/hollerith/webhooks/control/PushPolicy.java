package dev.hollerith.webhooks.control;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What an integration's {@code push_config} (API.md) demands of a delivery:
 * <ul>
 * <li>{@code signature_header}: {@code X-Hub-Signature} ({@code sha1=<hex>}), {@code X-Hub-Signature-256} or
 *     {@code X-Webhook-Signature} ({@code sha256=<hex>}); any other header name carries {@code sha256=<hex>};</li>
 * <li>{@code scheme: "standard-webhooks"}: the webhook-id / webhook-timestamp / webhook-signature headers;</li>
 * <li>{@code verify_signature}: true forces a signature check (default header X-Webhook-Signature), false
 *     switches it off; absent, a signature is checked whenever a header or scheme is named;</li>
 * <li>{@code secret_credential}: the credential field holding the key; default the first sensitive field
 *     of the credential_schema;</li>
 * <li>{@code api_key_credential}: the credential field that {@code X-API-Key} must equal;</li>
 * <li>{@code verify_token_credential}: the field the Meta handshake compares with
 *     {@code hub.verify_token} (default {@code webhook_verify_token}).</li>
 * </ul>
 * A push_config this class cannot understand refuses every delivery: a typo must never open the door.
 */
public record PushPolicy(Scheme scheme, String signatureHeader, String secretCredential, String apiKeyCredential,
                         String verifyTokenCredential, String problem) {

    public enum Scheme {
        NONE, HMAC_SHA1, HMAC_SHA256, STANDARD_WEBHOOKS,
        /** push_config is malformed: nothing is accepted */
        UNUSABLE
    }

    public static final String DEFAULT_SIGNATURE_HEADER = "X-Webhook-Signature";
    public static final String DEFAULT_VERIFY_TOKEN_CREDENTIAL = "webhook_verify_token";
    public static final String API_KEY_HEADER = "X-API-Key";

    private static final Map<String, Scheme> KNOWN_HEADERS = Map.of(
            "x-hub-signature", Scheme.HMAC_SHA1,
            "x-hub-signature-256", Scheme.HMAC_SHA256,
            "x-webhook-signature", Scheme.HMAC_SHA256);

    public static PushPolicy of(JsonObject pushConfig, JsonObject credentialSchema) {
        String secret = text(pushConfig, "secret_credential").orElseGet(() -> firstSensitiveField(credentialSchema));
        String apiKey = text(pushConfig, "api_key_credential").orElse(null);
        String verifyToken = text(pushConfig, "verify_token_credential").orElse(DEFAULT_VERIFY_TOKEN_CREDENTIAL);
        JsonValue verify = pushConfig.get("verify_signature");
        if (verify != null && verify.getValueType() != JsonValue.ValueType.TRUE && verify.getValueType() != JsonValue.ValueType.FALSE) {
            return unusable("push_config.verify_signature must be true or false", verifyToken);
        }
        JsonValue schemeValue = pushConfig.get("scheme");
        JsonValue headerValue = pushConfig.get("signature_header");
        if ((schemeValue != null && !(schemeValue instanceof JsonString)) || (headerValue != null && !(headerValue instanceof JsonString))) {
            return unusable("push_config.scheme and signature_header must be strings", verifyToken);
        }
        boolean named = schemeValue != null || headerValue != null;
        boolean checked = verify == null ? named : verify == JsonValue.TRUE;
        if (!checked) {
            return new PushPolicy(Scheme.NONE, null, secret, apiKey, verifyToken, null);
        }
        if (schemeValue != null) {
            String scheme = ((JsonString) schemeValue).getString().trim().toLowerCase(Locale.ROOT);
            if (!scheme.equals("standard-webhooks")) {
                return unusable("push_config.scheme \"" + scheme + "\" is not supported (known: standard-webhooks)", verifyToken);
            }
            return new PushPolicy(Scheme.STANDARD_WEBHOOKS, null, secret, apiKey, verifyToken, null);
        }
        String header = headerValue == null ? DEFAULT_SIGNATURE_HEADER : ((JsonString) headerValue).getString().trim();
        if (header.isEmpty()) {
            return unusable("push_config.signature_header is empty", verifyToken);
        }
        Scheme scheme = KNOWN_HEADERS.getOrDefault(header.toLowerCase(Locale.ROOT), Scheme.HMAC_SHA256);
        return new PushPolicy(scheme, header, secret, apiKey, verifyToken, null);
    }

    private static PushPolicy unusable(String problem, String verifyToken) {
        return new PushPolicy(Scheme.UNUSABLE, null, null, null, verifyToken, problem);
    }

    public boolean checksSignature() {
        return scheme != Scheme.NONE;
    }

    public boolean checksApiKey() {
        return apiKeyCredential != null;
    }

    /**
     * The secret's field when push_config names none: the first field marked {@code sensitive}, else the
     * first whose name says it is secret (API.md's rule for metadata), else none.
     */
    static String firstSensitiveField(JsonObject credentialSchema) {
        for (Map.Entry<String, JsonValue> field : credentialSchema.entrySet()) {
            if (field.getValue() instanceof JsonObject spec && spec.get("sensitive") == JsonValue.TRUE) {
                return field.getKey();
            }
        }
        for (String name : credentialSchema.keySet()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.contains("secret") || lower.contains("token") || lower.contains("key") || lower.contains("password")) {
                return name;
            }
        }
        return null;
    }

    private static Optional<String> text(JsonObject object, String key) {
        return object.get(key) instanceof JsonString string && !string.getString().isBlank()
                ? Optional.of(string.getString().trim()) : Optional.empty();
    }
}
