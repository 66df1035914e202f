package dev.hollerith.webhooks.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hollerith.integrations.control.PushConfig;
import dev.hollerith.webhooks.Senders;
import dev.hollerith.webhooks.entity.SignatureVerdict;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class WebhookVerifierTest {

    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    static final byte[] BODY = "{\"data\": {\"temperature\": 75, \"condition\": \"cloudy\"}}".getBytes(StandardCharsets.UTF_8);
    /** The same JSON as BODY, serialised differently: a signature covers bytes, not meaning. */
    static final byte[] RESERIALISED = "{\"data\":{\"condition\":\"cloudy\",\"temperature\":75}}".getBytes(StandardCharsets.UTF_8);

    final WebhookVerifier verifier = new WebhookVerifier(Duration.ofMinutes(5));
    final Set<String> seen = new HashSet<>();

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    static byte[] oneByteChanged(byte[] body) {
        byte[] changed = body.clone();
        int i = new String(body, StandardCharsets.UTF_8).indexOf("75") + 1;
        changed[i] = '6';
        return changed;
    }

    /** A delivery builder: headers are looked up ignoring case, as HTTP does. */
    static final class Delivery {
        final Map<String, String> headers = new HashMap<>();
        byte[] body = BODY;

        Delivery header(String name, String value) {
            headers.put(name.toLowerCase(Locale.ROOT), value);
            return this;
        }

        Delivery body(byte[] bytes) {
            this.body = bytes;
            return this;
        }

        InboundWebhook build() {
            return new InboundWebhook(body, name -> headers.get(name.toLowerCase(Locale.ROOT)), NOW, "127.0.0.1");
        }
    }

    Verification verify(String pushConfig, String credentialSchema, Map<String, String> credentials, Delivery delivery) {
        return verifier.verify(PushConfig.of(json(pushConfig), json(credentialSchema)), credentials, delivery.build(), seen::add);
    }

    @Nested
    class FacebookSha1 {
        // seed 002 "Social Feed": the verify token is the first sensitive field, so it keys the HMAC by default
        static final String PUSH = "{\"signature_header\":\"X-Hub-Signature\",\"verify_signature\":true}";
        static final String SCHEMA = "{\"page_id\":{\"type\":\"string\"},\"webhook_verify_token\":{\"type\":\"string\",\"sensitive\":true}}";
        final Map<String, String> credentials = Map.of("page_id", "123456789", "webhook_verify_token", "my-secret-token");

        Verification send(Delivery delivery) {
            return verify(PUSH, SCHEMA, credentials, delivery);
        }

        @Test
        void acceptsCorrectSignature() {
            Verification v = send(new Delivery().header("X-Hub-Signature", Senders.hub("sha1", "my-secret-token", BODY)));
            assertEquals(SignatureVerdict.VALID, v.verdict());
        }

        @Test
        void acceptsHeaderInAnyCaseAndUpperCaseHex() {
            String signature = Senders.hub("sha1", "my-secret-token", BODY);
            Verification v = send(new Delivery().header("x-hub-signature", "sha1=" + signature.substring(5).toUpperCase(Locale.ROOT)));
            assertEquals(SignatureVerdict.VALID, v.verdict());
        }

        @Test
        void rejectsWrongSignature() {
            Verification v = send(new Delivery().header("X-Hub-Signature", Senders.hub("sha1", "another-token", BODY)));
            assertEquals(SignatureVerdict.INVALID, v.verdict());
        }

        @Test
        void rejectsMissingHeader() {
            assertEquals(SignatureVerdict.MISSING, send(new Delivery()).verdict());
        }

        @Test
        void rejectsBodyChangedByOneByte() {
            Verification v = send(new Delivery().body(oneByteChanged(BODY)).header("X-Hub-Signature", Senders.hub("sha1", "my-secret-token", BODY)));
            assertEquals(SignatureVerdict.INVALID, v.verdict());
        }

        @Test
        void rejectsReserialisedBody() {
            Verification v = send(new Delivery().body(RESERIALISED).header("X-Hub-Signature", Senders.hub("sha1", "my-secret-token", BODY)));
            assertEquals(SignatureVerdict.INVALID, v.verdict());
        }

        @Test
        void rejectsSha256SignatureInTheSha1Header() {
            Verification v = send(new Delivery().header("X-Hub-Signature", Senders.hub("sha256", "my-secret-token", BODY)));
            assertEquals(SignatureVerdict.INVALID, v.verdict());
        }

        @Test
        void rejectsTruncatedAndNonHexSignatures() {
            String good = Senders.hub("sha1", "my-secret-token", BODY);
            assertEquals(SignatureVerdict.INVALID, send(new Delivery().header("X-Hub-Signature", good.substring(0, good.length() - 2))).verdict());
            assertEquals(SignatureVerdict.INVALID, send(new Delivery().header("X-Hub-Signature", "sha1=zz")).verdict());
            assertEquals(SignatureVerdict.INVALID, send(new Delivery().header("X-Hub-Signature", "sha1=")).verdict());
        }

        @Test
        void refusesWhenNoCredentialsAreStored() {
            Verification v = verify(PUSH, SCHEMA, null, new Delivery().header("X-Hub-Signature", Senders.hub("sha1", "a-guess", BODY)));
            assertEquals(SignatureVerdict.INVALID, v.verdict());
        }

        @Test
        void usesTheNamedSecretCredential() {
            String push = "{\"signature_header\":\"X-Hub-Signature\",\"verify_signature\":true,\"secret_credential\":\"app_secret\"}";
            // a push_config may name only fields of the credential_schema (PushConfig), so Meta's app secret is declared
            String schema = "{\"page_id\":{\"type\":\"string\"},\"webhook_verify_token\":{\"type\":\"string\",\"sensitive\":true},"
                    + "\"app_secret\":{\"type\":\"string\",\"sensitive\":true}}";
            Map<String, String> withAppSecret = Map.of("webhook_verify_token", "my-secret-token", "app_secret", "meta-app-secret");
            Delivery signedWithAppSecret = new Delivery().header("X-Hub-Signature", Senders.hub("sha1", "meta-app-secret", BODY));
            assertEquals(SignatureVerdict.VALID, verify(push, schema, withAppSecret, signedWithAppSecret).verdict());
            Delivery signedWithToken = new Delivery().header("X-Hub-Signature", Senders.hub("sha1", "my-secret-token", BODY));
            assertEquals(SignatureVerdict.INVALID, verify(push, schema, withAppSecret, signedWithToken).verdict());
        }
    }

    @Nested
    class HubSha256 {
        static final String SCHEMA = "{\"secret\":{\"type\":\"string\",\"sensitive\":true}}";
        final Map<String, String> credentials = Map.of("secret", "s3cr3t");

        @Test
        void acceptsCorrectSignatureInEachSha256Header() {
            for (String header : new String[] {"X-Hub-Signature-256", "X-Webhook-Signature"}) {
                String push = "{\"signature_header\":\"" + header + "\"}";
                Verification v = verify(push, SCHEMA, credentials, new Delivery().header(header, Senders.hub("sha256", "s3cr3t", BODY)));
                assertEquals(SignatureVerdict.VALID, v.verdict(), header);
            }
        }

        @Test
        void verifySignatureAloneMeansXWebhookSignatureSha256() {
            String push = "{\"verify_signature\":true}";
            assertEquals(SignatureVerdict.VALID, verify(push, SCHEMA, credentials,
                    new Delivery().header("X-Webhook-Signature", Senders.hub("sha256", "s3cr3t", BODY))).verdict());
            assertEquals(SignatureVerdict.MISSING, verify(push, SCHEMA, credentials,
                    new Delivery().header("X-Hub-Signature", Senders.hub("sha1", "s3cr3t", BODY))).verdict());
        }

        @Test
        void rejectsWrongSignatureMissingHeaderChangedAndReserialisedBody() {
            String push = "{\"signature_header\":\"X-Hub-Signature-256\"}";
            String good = Senders.hub("sha256", "s3cr3t", BODY);
            assertEquals(SignatureVerdict.INVALID, verify(push, SCHEMA, credentials,
                    new Delivery().header("X-Hub-Signature-256", Senders.hub("sha256", "s3cr3T", BODY))).verdict());
            assertEquals(SignatureVerdict.MISSING, verify(push, SCHEMA, credentials, new Delivery()).verdict());
            assertEquals(SignatureVerdict.INVALID, verify(push, SCHEMA, credentials,
                    new Delivery().body(oneByteChanged(BODY)).header("X-Hub-Signature-256", good)).verdict());
            assertEquals(SignatureVerdict.INVALID, verify(push, SCHEMA, credentials,
                    new Delivery().body(RESERIALISED).header("X-Hub-Signature-256", good)).verdict());
        }

        @Test
        void rejectsSha1DowngradeInSha256Header() {
            String push = "{\"signature_header\":\"X-Hub-Signature-256\"}";
            assertEquals(SignatureVerdict.INVALID, verify(push, SCHEMA, credentials,
                    new Delivery().header("X-Hub-Signature-256", Senders.hub("sha1", "s3cr3t", BODY))).verdict());
        }

        @Test
        void verifySignatureWithoutUsableSecretRefusesEvenASignedDelivery() {
            String push = "{\"verify_signature\":true}";
            String noSensitiveField = "{\"page_id\":{\"type\":\"string\"}}";
            Verification v = verify(push, noSensitiveField, Map.of("page_id", "1"),
                    new Delivery().header("X-Webhook-Signature", Senders.hub("sha256", "a-guess", BODY)));
            assertEquals(SignatureVerdict.INVALID, v.verdict());
            assertTrue(v.reason().contains("no secret credential"));
        }
    }

    @Nested
    class StandardWebhooks {
        static final String PUSH = "{\"scheme\":\"standard-webhooks\"}";
        static final String SCHEMA = "{\"signing_secret\":{\"type\":\"string\",\"sensitive\":true}}";
        static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        static final String OTHER_SECRET = "whsec_dGhlIG9sZCBrZXkgdGhhdCB3YXMgcm90YXRlZA==";
        final Map<String, String> credentials = Map.of("signing_secret", SECRET);

        Delivery signed(String id, long timestamp, String signature) {
            return new Delivery().header("webhook-id", id).header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", signature);
        }

        Verification send(Delivery delivery) {
            return verify(PUSH, SCHEMA, credentials, delivery);
        }

        @Test
        void acceptsCorrectSignatureAndReportsTheId() {
            long ts = NOW.getEpochSecond();
            Verification v = send(signed("msg_1", ts, Senders.standard(SECRET, "msg_1", ts, BODY)));
            assertEquals(SignatureVerdict.VALID, v.verdict());
            assertEquals("msg_1", v.webhookId());
        }

        @Test
        void acceptsTheSpecsPublishedExample() {
            // standard-webhooks spec test vector: secret, msg id, timestamp and payload from its reference libraries
            byte[] payload = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
            WebhookVerifier atThatTime = new WebhookVerifier(Duration.ofMinutes(5));
            InboundWebhook delivery = new InboundWebhook(payload, name -> switch (name) {
                case "webhook-id" -> "msg_p5jXN8AQM9LWM0D4loKWxJek";
                case "webhook-timestamp" -> "1614265330";
                case "webhook-signature" -> "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
                default -> null;
            }, Instant.ofEpochSecond(1614265330), "127.0.0.1");
            Verification v = atThatTime.verify(PushConfig.of(json(PUSH), json(SCHEMA)), credentials, delivery, seen::add);
            assertEquals(SignatureVerdict.VALID, v.verdict());
        }

        @Test
        void acceptsOneValidAmongSeveralSignatures() {
            long ts = NOW.getEpochSecond();
            String rotated = Senders.standard(OTHER_SECRET, "msg_2", ts, BODY) + " v1a,bm90IGNoZWNrZWQ= "
                    + Senders.standard(SECRET, "msg_2", ts, BODY);
            assertEquals(SignatureVerdict.VALID, send(signed("msg_2", ts, rotated)).verdict());
        }

        @Test
        void rejectsWhenNoneOfSeveralSignaturesIsValid() {
            long ts = NOW.getEpochSecond();
            String wrong = Senders.standard(OTHER_SECRET, "msg_3", ts, BODY) + " v1,AAAA v2," + Senders.standard(SECRET, "msg_3", ts, BODY).substring(3);
            assertEquals(SignatureVerdict.INVALID, send(signed("msg_3", ts, wrong)).verdict());
        }

        @Test
        void rejectsWrongSignature() {
            long ts = NOW.getEpochSecond();
            assertEquals(SignatureVerdict.INVALID, send(signed("msg_4", ts, Senders.standard(OTHER_SECRET, "msg_4", ts, BODY))).verdict());
        }

        @Test
        void rejectsMissingHeaders() {
            long ts = NOW.getEpochSecond();
            String signature = Senders.standard(SECRET, "msg_5", ts, BODY);
            assertEquals(SignatureVerdict.MISSING, send(new Delivery().header("webhook-id", "msg_5")
                    .header("webhook-timestamp", Long.toString(ts))).verdict());
            assertEquals(SignatureVerdict.MISSING, send(new Delivery().header("webhook-id", "msg_5").header("webhook-signature", signature)).verdict());
            assertEquals(SignatureVerdict.MISSING, send(new Delivery().header("webhook-timestamp", Long.toString(ts))
                    .header("webhook-signature", signature)).verdict());
        }

        @Test
        void rejectsBodyChangedByOneByteAndReserialisedBody() {
            long ts = NOW.getEpochSecond();
            String signature = Senders.standard(SECRET, "msg_6", ts, BODY);
            assertEquals(SignatureVerdict.INVALID, send(signed("msg_6", ts, signature).body(oneByteChanged(BODY))).verdict());
            assertEquals(SignatureVerdict.INVALID, send(signed("msg_6", ts, signature).body(RESERIALISED)).verdict());
        }

        @Test
        void rejectsIdOrTimestampOtherThanSigned() {
            long ts = NOW.getEpochSecond();
            String signature = Senders.standard(SECRET, "msg_7", ts, BODY);
            assertEquals(SignatureVerdict.INVALID, send(signed("msg_8", ts, signature)).verdict());
            assertEquals(SignatureVerdict.INVALID, send(signed("msg_7", ts - 1, signature)).verdict());
        }

        @Test
        void rejectsOldAndFutureTimestampsEvenWhenCorrectlySigned() {
            long old = NOW.minusSeconds(301).getEpochSecond();
            long future = NOW.plusSeconds(301).getEpochSecond();
            Verification stale = send(signed("msg_9", old, Senders.standard(SECRET, "msg_9", old, BODY)));
            assertEquals(SignatureVerdict.INVALID, stale.verdict());
            assertTrue(stale.reason().contains("tolerance"));
            assertEquals(SignatureVerdict.INVALID, send(signed("msg_10", future, Senders.standard(SECRET, "msg_10", future, BODY))).verdict());
            long edge = NOW.minusSeconds(300).getEpochSecond();
            assertEquals(SignatureVerdict.VALID, send(signed("msg_11", edge, Senders.standard(SECRET, "msg_11", edge, BODY))).verdict());
        }

        @Test
        void rejectsNonNumericTimestamp() {
            assertEquals(SignatureVerdict.INVALID, send(new Delivery().header("webhook-id", "m").header("webhook-timestamp", "yesterday")
                    .header("webhook-signature", "v1,AAAA")).verdict());
        }

        @Test
        void rejectsReplayedId() {
            long ts = NOW.getEpochSecond();
            Delivery delivery = signed("msg_12", ts, Senders.standard(SECRET, "msg_12", ts, BODY));
            assertEquals(SignatureVerdict.VALID, send(delivery).verdict());
            Verification replay = send(delivery);
            assertEquals(SignatureVerdict.REPLAY, replay.verdict());
            assertNull(replay.webhookId(), "a replay claims nothing");
        }

        @Test
        void forgedDeliveryDoesNotBurnTheId() {
            long ts = NOW.getEpochSecond();
            assertEquals(SignatureVerdict.INVALID, send(signed("msg_13", ts, Senders.standard(OTHER_SECRET, "msg_13", ts, BODY))).verdict());
            assertEquals(SignatureVerdict.VALID, send(signed("msg_13", ts, Senders.standard(SECRET, "msg_13", ts, BODY))).verdict());
        }

        @Test
        void refusesSecretThatIsNotBase64() {
            long ts = NOW.getEpochSecond();
            Verification v = verify(PUSH, SCHEMA, Map.of("signing_secret", "whsec_not base64!"),
                    signed("msg_14", ts, Senders.standard(SECRET, "msg_14", ts, BODY)));
            assertEquals(SignatureVerdict.INVALID, v.verdict());
        }
    }

    @Nested
    class ApiKey {
        static final String PUSH = "{\"api_key_credential\":\"api_key\"}";
        static final String SCHEMA = "{\"api_key\":{\"type\":\"string\",\"sensitive\":true}}";
        final Map<String, String> credentials = Map.of("api_key", "k-123456");

        @Test
        void acceptsTheRightKey() {
            assertEquals(SignatureVerdict.VALID, verify(PUSH, SCHEMA, credentials, new Delivery().header("X-API-Key", "k-123456")).verdict());
        }

        @Test
        void rejectsWrongKeyPrefixOfKeyAndMissingHeader() {
            assertEquals(SignatureVerdict.INVALID, verify(PUSH, SCHEMA, credentials, new Delivery().header("X-API-Key", "k-123457")).verdict());
            assertEquals(SignatureVerdict.INVALID, verify(PUSH, SCHEMA, credentials, new Delivery().header("X-API-Key", "k-12345")).verdict());
            assertEquals(SignatureVerdict.MISSING, verify(PUSH, SCHEMA, credentials, new Delivery()).verdict());
        }

        @Test
        void rejectsAnyKeyWhenNoneIsStored() {
            assertEquals(SignatureVerdict.INVALID, verify(PUSH, SCHEMA, Map.of(), new Delivery().header("X-API-Key", "anything")).verdict());
            assertEquals(SignatureVerdict.INVALID, verify(PUSH, SCHEMA, null, new Delivery().header("X-API-Key", "anything")).verdict());
        }

        @Test
        void apiKeyAndSignatureTogetherNeedBoth() {
            String push = "{\"api_key_credential\":\"api_key\",\"signature_header\":\"X-Webhook-Signature\",\"secret_credential\":\"secret\"}";
            String schema = "{\"api_key\":{\"sensitive\":true},\"secret\":{\"sensitive\":true}}";
            Map<String, String> both = Map.of("api_key", "k-1", "secret", "s-1");
            String signature = Senders.hub("sha256", "s-1", BODY);
            assertEquals(SignatureVerdict.VALID, verify(push, schema, both,
                    new Delivery().header("X-API-Key", "k-1").header("X-Webhook-Signature", signature)).verdict());
            assertEquals(SignatureVerdict.INVALID, verify(push, schema, both,
                    new Delivery().header("X-API-Key", "k-2").header("X-Webhook-Signature", signature)).verdict());
            assertEquals(SignatureVerdict.MISSING, verify(push, schema, both, new Delivery().header("X-API-Key", "k-1")).verdict());
        }
    }

    @Nested
    class Policy {
        @Test
        void emptyPushConfigRequiresNothing() {
            assertEquals(SignatureVerdict.NOT_REQUIRED, verify("{}", "{}", Map.of(), new Delivery()).verdict());
        }

        @Test
        void verifySignatureFalseSwitchesTheCheckOff() {
            assertEquals(SignatureVerdict.NOT_REQUIRED,
                    verify("{\"signature_header\":\"X-Hub-Signature\",\"verify_signature\":false}", "{}", Map.of(), new Delivery()).verdict());
        }

        @Test
        void malformedPushConfigRefusesEverything() {
            String schema = "{\"secret\":{\"sensitive\":true}}";
            Map<String, String> credentials = Map.of("secret", "s");
            Delivery signed = new Delivery().header("X-Webhook-Signature", Senders.hub("sha256", "s", BODY));
            assertEquals(SignatureVerdict.INVALID, verify("{\"scheme\":\"svix-v2\"}", schema, credentials, signed).verdict());
            assertEquals(SignatureVerdict.INVALID, verify("{\"verify_signature\":\"yes\"}", schema, credentials, signed).verdict());
            assertEquals(SignatureVerdict.INVALID, verify("{\"signature_header\":42}", schema, credentials, signed).verdict());
        }
    }
}
