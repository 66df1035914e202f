package dev.hollerith.pull;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.hollerith.testing.Api;
import dev.hollerith.testing.PayaraProcess;
import dev.hollerith.testing.SharedServer;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 14 item 2: an upstream that redirects to itself (or to an invalid URI) repeats the URL we
 * called, API key included. Neither the credential test's answer, nor the pull job's last_error,
 * nor any server log line may then contain the key. The shared server's whole log is searched: the
 * keys are unique to this run.
 */
@ExtendWith(SharedServer.class)
class CredentialRedactionIT {

    @Test
    void redirectsThatRepeatTheUrlLeakNoCredential(PayaraProcess server) throws Exception {
        WireMockServer upstream = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        upstream.start();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String circularKey = "circle-canary-" + tag;
        String invalidKey = "invalid-canary-" + tag;
        String path = "/weather-" + tag;
        String base = "http://127.0.0.1:" + upstream.port();
        upstream.stubFor(get(urlPathEqualTo(path)).withQueryParam("appid", equalTo(circularKey)).willReturn(aResponse().withStatus(302)
                .withHeader("Location", base + path + "?q=Stockholm&appid=" + circularKey + "&units=metric")));
        upstream.stubFor(get(urlPathEqualTo(path)).withQueryParam("appid", equalTo(invalidKey)).willReturn(aResponse().withStatus(302)
                .withHeader("Location", base + "/in valid?appid=" + invalidKey + "&x=%zz")));
        try {
            Api admin = server.api().asAdmin();
            String widget = "redaction-" + tag;
            admin.post("dashboard/widgets", "{\"id\":\"" + widget + "\",\"name\":\"Redaction\"}").expect(201);
            long integration = admin.post("dashboard/widgets/" + widget + "/integrations", """
                    {"widget_id": "%s", "name": "openweather", "integration_type": "pull", "credential_scope": "organization",
                     "credential_schema": {"api_key": {"type": "string", "required": true, "sensitive": true}},
                     "config_schema": {"units": {"type": "string", "default": "metric"}},
                     "pull_endpoint": "%s", "pull_interval_seconds": 1800,
                     "pull_config": {"timeout": 5000, "query": {"q": "Stockholm", "appid": "{{credentials.api_key}}", "units": "{{config.units}}"}}}"""
                    .formatted(widget, base + path)).expect(201).data().getJsonNumber("id").longValue();
            String org = admin.createOrganization("Redaction");
            Api member = server.api().as(admin.createKey(org, "member"));
            String integrationPath = "dashboard/organizations/" + org + "/widget-integrations/" + integration;

            // the circular redirect: credential test, then the pull engine
            member.post(integrationPath + "/credentials", "{\"credentials\":{\"api_key\":\"" + circularKey + "\"}}").expect(201);
            String circularAnswer = member.post(integrationPath + "/test", "").expect(200).body();
            assertFalse(circularAnswer.contains(circularKey), circularAnswer);
            String config = member.post("dashboard/organizations/" + org + "/widget-configs",
                    "{\"widget_id\":\"" + widget + "\",\"name\":\"Screen\",\"options\":{}}").expect(201).data().getString("id");
            member.get("dashboard/widget-configs/" + config + "/data");
            String circularError = awaitLastError(admin, integration, null);
            assertFalse(circularError.contains(circularKey), circularError);

            // the invalid redirect URI, same way
            member.put(integrationPath + "/credentials", "{\"credentials\":{\"api_key\":\"" + invalidKey + "\"}}").expect(200);
            String invalidAnswer = member.post(integrationPath + "/test", "").expect(200).body();
            assertFalse(invalidAnswer.contains(invalidKey), invalidAnswer);
            member.post("dashboard/widget-configs/" + config + "/refresh", "").expect(202);
            String invalidError = awaitLastError(admin, integration, circularError);
            assertFalse(invalidError.contains(invalidKey), invalidError);

            String log = server.log();
            assertFalse(log.contains(circularKey), "the server log holds the first key");
            assertFalse(log.contains(invalidKey), "the server log holds the second key");
            assertFalse(log.contains("canary-" + tag), "the server log holds a key");
        } finally {
            upstream.stop();
        }
    }

    /** Waits until the integration's pull job has a last_error other than {@code previous}. */
    private static String awaitLastError(Api admin, long integration, String previous) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            for (JsonValue job : admin.get("dashboard/widget-integrations/" + integration + "/pull-jobs").expect(200).dataArray()) {
                JsonObject row = job.asJsonObject();
                JsonValue error = row.get("last_error");
                if (error != null && error.getValueType() == JsonValue.ValueType.STRING && !row.getString("last_error").equals(previous)) {
                    return row.getString("last_error");
                }
            }
            Thread.sleep(250);
        }
        assertNotNull(null, "the pull job recorded no (new) error within 60 s");
        return null;
    }
}
