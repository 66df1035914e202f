package dev.hollerith.integrations.control;

import dev.hollerith.integrations.entity.WidgetIntegration;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An integration's {@code push_config} (API.md), read once, and the one place its rules live: the write
 * path ({@link IntegrationDefinitions}) refuses a definition with {@link #problems()} (422, per key), and
 * the webhook path refuses every delivery to an integration whose stored push_config has one (scheme
 * {@link Scheme#UNUSABLE}): a typo, or a rule that became stricter since it was stored, must never open
 * the door.
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
 * Other keys are kept for webhook schemes that know them.
 *
 * @param problems what is wrong, by field ({@code push_config.<key>}); empty when the push_config is usable
 */
public record PushConfig(Scheme scheme, String signatureHeader, String secretCredential, String apiKeyCredential,
                         String verifyTokenCredential, Map<String, String> problems) {

    public enum Scheme {
        NONE, HMAC_SHA1, HMAC_SHA256, STANDARD_WEBHOOKS,
        /** push_config has a problem: nothing is accepted */
        UNUSABLE
    }

    public static final String DEFAULT_SIGNATURE_HEADER = "X-Webhook-Signature";
    public static final String DEFAULT_VERIFY_TOKEN_CREDENTIAL = "webhook_verify_token";
    public static final String API_KEY_HEADER = "X-API-Key";
    public static final String STANDARD_WEBHOOKS = "standard-webhooks";

    private static final Map<String, Scheme> KNOWN_HEADERS = Map.of(
            "x-hub-signature", Scheme.HMAC_SHA1,
            "x-hub-signature-256", Scheme.HMAC_SHA256,
            "x-webhook-signature", Scheme.HMAC_SHA256);

    public PushConfig {
        problems = Collections.unmodifiableMap(new LinkedHashMap<>(problems));
    }

    /** The stored push_config of an integration, read against its credential_schema. */
    public static PushConfig of(WidgetIntegration integration) {
        return of(integration.pushConfig(), integration.credentialSchema());
    }

    /**
     * Reads {@code pushConfig}; the credential fields it names must be fields of {@code credentialSchema}
     * (its member names; whether a declaration is itself valid is the credential_schema's own check).
     */
    public static PushConfig of(JsonObject pushConfig, JsonObject credentialSchema) {
        Map<String, String> problems = new LinkedHashMap<>();
        pushConfig.forEach((key, value) -> {
            String problem = switch (key) {
                case "signature_header" -> value instanceof JsonString s && IntegrationDefinitions.HEADER_NAME.matcher(s.getString()).matches() ? null
                        : "must be a header name such as X-Hub-Signature-256";
                case "verify_signature" -> value == JsonValue.TRUE || value == JsonValue.FALSE ? null : "must be true or false";
                case "scheme" -> value instanceof JsonString s && s.getString().equals(STANDARD_WEBHOOKS) ? null
                        : "must be " + STANDARD_WEBHOOKS + " (or left out for an HMAC signature header)";
                case "secret_credential", "api_key_credential", "verify_token_credential" -> !(value instanceof JsonString s)
                        ? "must name a field of credential_schema"
                        : credentialSchema.containsKey(s.getString()) ? null : "names no field of credential_schema: " + s.getString();
                default -> null;
            };
            if (problem != null) {
                problems.put("push_config." + key, problem);
            }
        });
        String verifyToken = text(pushConfig, "verify_token_credential", DEFAULT_VERIFY_TOKEN_CREDENTIAL);
        if (!problems.isEmpty()) {
            // the handshake keeps its token field: answering Meta's check is not accepting a delivery
            return new PushConfig(Scheme.UNUSABLE, null, null, null, verifyToken, problems);
        }
        String secret = text(pushConfig, "secret_credential", firstSensitiveField(credentialSchema));
        String apiKey = text(pushConfig, "api_key_credential", null);
        boolean named = pushConfig.containsKey("scheme") || pushConfig.containsKey("signature_header");
        JsonValue verify = pushConfig.get("verify_signature");
        if (!(verify == null ? named : verify == JsonValue.TRUE)) {
            return new PushConfig(Scheme.NONE, null, secret, apiKey, verifyToken, problems);
        }
        if (pushConfig.containsKey("scheme")) {
            return new PushConfig(Scheme.STANDARD_WEBHOOKS, null, secret, apiKey, verifyToken, problems);
        }
        String header = text(pushConfig, "signature_header", DEFAULT_SIGNATURE_HEADER);
        return new PushConfig(KNOWN_HEADERS.getOrDefault(header.toLowerCase(Locale.ROOT), Scheme.HMAC_SHA256), header, secret, apiKey,
                verifyToken, problems);
    }

    /** The first problem, as the delivery log states why everything is refused; null when usable. */
    public String problem() {
        return problems.entrySet().stream().findFirst().map(p -> p.getKey() + " " + p.getValue()).orElse(null);
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
            if (FieldSchema.nameLooksSensitive(name)) {
                return name;
            }
        }
        return null;
    }

    private static String text(JsonObject object, String key, String otherwise) {
        return object.get(key) instanceof JsonString string && !string.getString().isBlank() ? string.getString() : otherwise;
    }
}
