package dev.hollerith.integrations.control;

import static dev.hollerith.integrations.control.FieldSchemaTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hollerith.integrations.control.PushConfig.Scheme;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PushConfigTest {

    static final String SCHEMA = "{\"app_secret\":{\"type\":\"string\",\"sensitive\":true},\"api_key\":{\"type\":\"string\",\"sensitive\":true},"
            + "\"webhook_verify_token\":{\"type\":\"string\",\"sensitive\":true}}";

    static PushConfig read(String pushConfig) {
        return PushConfig.of(json(pushConfig), json(SCHEMA));
    }

    @Test
    void derivesTheSchemeFromHeaderSchemeAndVerifySignature() {
        assertEquals(Scheme.NONE, read("{}").scheme());
        assertEquals(Scheme.HMAC_SHA1, read("{\"signature_header\":\"X-Hub-Signature\"}").scheme());
        assertEquals(Scheme.HMAC_SHA256, read("{\"signature_header\":\"x-hub-signature-256\"}").scheme());
        assertEquals(Scheme.HMAC_SHA256, read("{\"signature_header\":\"X-Custom-Signature\"}").scheme());
        assertEquals("X-Custom-Signature", read("{\"signature_header\":\"X-Custom-Signature\"}").signatureHeader());
        assertEquals(Scheme.STANDARD_WEBHOOKS, read("{\"scheme\":\"standard-webhooks\"}").scheme());
        PushConfig forced = read("{\"verify_signature\":true}");
        assertEquals(Scheme.HMAC_SHA256, forced.scheme());
        assertEquals(PushConfig.DEFAULT_SIGNATURE_HEADER, forced.signatureHeader());
        assertEquals(Scheme.NONE, read("{\"signature_header\":\"X-Hub-Signature\",\"verify_signature\":false}").scheme());
    }

    @Test
    void namesCredentialsOrFallsBackToTheDefaults() {
        PushConfig defaults = read("{\"verify_signature\":true}");
        assertEquals("app_secret", defaults.secretCredential(), "the first sensitive field");
        assertNull(defaults.apiKeyCredential());
        assertEquals(PushConfig.DEFAULT_VERIFY_TOKEN_CREDENTIAL, defaults.verifyTokenCredential());
        PushConfig named = read("{\"api_key_credential\":\"api_key\",\"secret_credential\":\"webhook_verify_token\"}");
        assertEquals("api_key", named.apiKeyCredential());
        assertTrue(named.checksApiKey());
        assertEquals("webhook_verify_token", named.secretCredential());
    }

    @Test
    void defaultSecretIsTheFirstSensitiveFieldThenASecretLookingName() {
        assertEquals("webhook_verify_token", PushConfig.firstSensitiveField(
                json("{\"page_id\":{\"type\":\"string\"},\"webhook_verify_token\":{\"sensitive\":true},\"app_secret\":{\"sensitive\":true}}")));
        assertEquals("client_secret", PushConfig.firstSensitiveField(json("{\"page_id\":{},\"client_secret\":{}}")));
        assertNull(PushConfig.firstSensitiveField(json("{\"page_id\":{}}")));
    }

    /** One set of rules: whatever the write path refuses, the webhook path refuses every delivery for, and the reverse. */
    @Test
    void everyProblemOnWriteMakesTheStoredConfigUnusable() {
        for (String bad : new String[] {
            "{\"scheme\":\"svix-v2\"}", "{\"scheme\":\"Standard-Webhooks\"}", "{\"scheme\":7}", "{\"verify_signature\":\"yes\"}",
            "{\"signature_header\":42}", "{\"signature_header\":\" \"}", "{\"signature_header\":\"X Sig\"}",
            "{\"secret_credential\":\"app_secrt\"}", "{\"api_key_credential\":\"\"}", "{\"verify_token_credential\":[\"x\"]}"}) {
            PushConfig config = read(bad);
            assertEquals(Scheme.UNUSABLE, config.scheme(), bad);
            assertEquals(1, config.problems().size(), bad);
            assertTrue(config.problem().startsWith("push_config."), bad);
        }
        for (String good : new String[] {"{}", "{\"verify_signature\":false}", "{\"scheme\":\"standard-webhooks\"}", "{\"unknown\":1}",
            "{\"signature_header\":\"X-Hub-Signature-256\",\"secret_credential\":\"app_secret\",\"api_key_credential\":\"api_key\"}"}) {
            PushConfig config = read(good);
            assertTrue(config.problems().isEmpty(), good);
            assertTrue(config.scheme() != Scheme.UNUSABLE, good);
        }
    }

    @Test
    void reportsEveryProblemByFieldAndKeepsTheHandshakeField() {
        PushConfig config = read("{\"verify_signature\":\"yes\",\"scheme\":\"svix\",\"verify_token_credential\":\"api_key\"}");
        assertEquals(Set.of("push_config.verify_signature", "push_config.scheme"), config.problems().keySet());
        assertEquals("api_key", config.verifyTokenCredential(), "Meta's handshake does not depend on the signature settings");
    }
}
