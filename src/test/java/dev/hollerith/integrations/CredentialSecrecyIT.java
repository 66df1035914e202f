package dev.hollerith.integrations;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.hollerith.testing.Api;
import dev.hollerith.testing.ApiResponse;
import dev.hollerith.testing.OwnServers;
import dev.hollerith.testing.PayaraProcess;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Credentials are kept across a restart (sealed in the database, opened again with the data key
 * that the master key unwraps) and never reach an answer or the server log, through successful,
 * rejected, unreachable and invalid uses alike.
 */
@ExtendWith(OwnServers.class)
class CredentialSecrecyIT {

    WireMockServer upstream;

    @BeforeEach
    void startUpstream() {
        upstream = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        upstream.start();
    }

    @AfterEach
    void stopUpstream() {
        upstream.stop();
    }

    @Test
    void credentialsSurviveARestartAndNeverReachAnswersOrTheLog() {
        String good = "good-" + UUID.randomUUID();
        String rejected = "rejected-" + UUID.randomUUID();
        String typo = "typo-" + UUID.randomUUID();
        String verifyToken = "verify-" + UUID.randomUUID();
        List<String> secrets = List.of(good, rejected, typo, verifyToken);
        upstream.stubFor(get(urlPathEqualTo("/weather")).withQueryParam("appid", equalTo(good))
                .willReturn(aResponse().withStatus(200).withBody("{\"main\":{\"temp\":3.5},\"name\":\"Oslo\"}")));
        upstream.stubFor(get(urlPathEqualTo("/weather")).withQueryParam("appid", equalTo(rejected))
                .willReturn(aResponse().withStatus(401).withBody("{\"cod\":401,\"message\":\"Invalid API key.\"}")));
        String endpoint = "http://127.0.0.1:" + upstream.port() + "/weather";
        String widget = "secrecy-" + UUID.randomUUID().toString().substring(0, 8);
        String org;
        long weather;
        String credentialsPath;

        try (PayaraProcess first = new PayaraProcess().start()) {
            Api admin = first.api().asAdmin();
            org = admin.createOrganization("Secrecy");
            Api member = first.api().as(admin.createKey(org, "member"));
            admin.post("dashboard/widgets", "{\"id\":\"" + widget + "\",\"name\":\"Secrecy\"}").expect(201);
            weather = admin.post("dashboard/widgets/" + widget + "/integrations", definition(endpoint)).expect(201).data().getJsonNumber("id").longValue();
            long pages = admin.post("dashboard/widgets/" + widget + "/integrations", """
                    {"name": "pages", "integration_type": "push", "credential_scope": "widget",
                     "credential_schema": {"page_id": {"type": "string"}, "webhook_verify_token": {"type": "string", "sensitive": true}}}""")
                    .expect(201).data().getJsonNumber("id").longValue();
            String config = member.post("dashboard/organizations/" + org + "/widget-configs", "{\"widget_id\":\"" + widget + "\",\"name\":\"c\"}")
                    .expect(201).data().getString("id");
            credentialsPath = "dashboard/organizations/" + org + "/widget-integrations/" + weather;

            secretFree(member.post(credentialsPath + "/credentials", "{\"credentials\":{\"api_key\":\"" + good + "\"}}").expect(201), secrets);
            assertTrue(test(member, credentialsPath).getBoolean("success"));
            secretFree(member.put(credentialsPath + "/credentials", "{\"credentials\":{\"api_key\":\"" + rejected + "\"}}").expect(200), secrets);
            JsonObject refused = test(member, credentialsPath);
            assertEquals("Upstream rejected the credentials (HTTP 401)", refused.getString("message"));
            secretFree(member.put(credentialsPath + "/credentials", "{\"credentials\":{\"api_kee\":\"" + typo + "\"}}").expect(422), secrets);
            admin.patch("dashboard/widget-integrations/" + weather, "{\"pull_endpoint\":\"http://127.0.0.1:1/weather\"}").expect(200);
            assertTrue(test(member, credentialsPath).getString("message").startsWith("Upstream not reachable"));
            admin.patch("dashboard/widget-integrations/" + weather, "{\"pull_endpoint\":\"" + endpoint + "\"}").expect(200);
            secretFree(member.post("dashboard/widget-configs/" + config + "/credentials", "{\"integration_id\":" + pages
                    + ",\"credentials\":{\"page_id\":\"p-1\",\"webhook_verify_token\":\"" + verifyToken + "\"}}").expect(201), secrets);
            secretFree(member.get("dashboard/widget-configs/" + config + "/credentials?integration_id=" + pages).expect(200), secrets);
            secretFree(member.put(credentialsPath + "/credentials", "{\"credentials\":{\"api_key\":\"" + good + "\"}}").expect(200), secrets);
            first.stop();
            logFree(first.log(), secrets);
        }

        try (PayaraProcess second = new PayaraProcess().start()) {
            Api member = second.api().as(second.api().asAdmin().createKey(org, "member"));
            JsonObject afterRestart = test(member, credentialsPath);
            assertTrue(afterRestart.getBoolean("success"), afterRestart.toString());
            second.stop();
            logFree(second.log(), secrets);
        }
    }

    private static JsonObject test(Api member, String integrationPath) {
        ApiResponse response = member.post(integrationPath + "/test", "").expect(200);
        return response.json();
    }

    private static void secretFree(ApiResponse response, List<String> secrets) {
        secrets.forEach(secret -> assertFalse(response.body().contains(secret), () -> "answer shows a secret: " + response.body()));
    }

    private static void logFree(String log, List<String> secrets) {
        assertTrue(log.contains("Payara Micro"), "the log was captured");
        secrets.forEach(secret -> assertFalse(log.contains(secret), "the server log contains a credential"));
    }

    private static String definition(String endpoint) {
        return """
                {"name": "openweather", "integration_type": "pull", "credential_scope": "organization",
                 "credential_schema": {"api_key": {"type": "string", "required": true, "sensitive": true}},
                 "config_schema": {"units": {"type": "string", "enum": ["metric", "imperial"], "default": "metric"}},
                 "pull_endpoint": "%s", "pull_interval_seconds": 1800,
                 "pull_config": {"timeout": 8000, "query": {"q": "Oslo", "appid": "{{credentials.api_key}}", "units": "{{config.units}}"}}}"""
                .formatted(endpoint);
    }
}
