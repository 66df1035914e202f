package dev.hollerith.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hollerith.integrations.SeedExamples;
import dev.hollerith.testing.Api;
import dev.hollerith.testing.HollerithWar;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URL;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 17 over real HTTP against the packaged WAR: credential metadata outside the schema, the
 * version history of widget data, rollback and pin.
 */
@ExtendWith(ArquillianExtension.class)
class DataTrustIT {

    @Deployment(testable = false)
    static WebArchive app() {
        return HollerithWar.build();
    }

    @ArquillianResource
    URL base;

    Api api;
    Api admin;

    @BeforeEach
    void signIn() {
        api = new Api(base);
        admin = api.asAdmin();
    }

    // ---- 1. credential metadata ----

    @Test
    void seedCredentialExampleKeepsUsernameAsMetadata() {
        String org = admin.createOrganization("Metadata");
        Api member = api.as(admin.createKey(org, "member"));
        String widget = uniqueWidget();
        long integration = admin.post("dashboard/widgets/" + widget + "/integrations",
                SeedExamples.OPENWEATHER.replace("\"weather-widget\"", "\"" + widget + "\"")).expect(201).data().getJsonNumber("id").longValue();
        String path = "dashboard/organizations/" + org + "/widget-integrations/" + integration + "/credentials";
        // seed 002 "Create/Update Organization Credentials", request body verbatim
        String seedBody = """
                {
                  "credentials": {
                    "api_key": "your-api-key-here",
                    "username": "optional-username"
                  }
                }""";
        JsonObject created = member.post(path, seedBody).expect(201).data();
        assertEquals(json("{\"username\":\"optional-username\"}"), created.getJsonObject("metadata"));
        var replaced = member.put(path, seedBody).expect(200);
        assertEquals(json("{\"username\":\"optional-username\"}"), replaced.data().getJsonObject("metadata"));
        assertFalse(replaced.body().contains("your-api-key-here"));
        assertEquals(json("{\"username\":\"optional-username\"}"), member.get(path).expect(200).data().getJsonObject("metadata"));

        // the limits: named like a secret (would be shown in plain text), too large, too many
        JsonObject secretLike = member.put(path, "{\"credentials\":{\"api_key\":\"k\",\"client_secret\":\"s\"}}").expect(422).json();
        assertEquals(Set.of("credentials.client_secret"), secretLike.getJsonObject("errors").keySet());
        member.put(path, "{\"credentials\":{\"api_key\":\"k\",\"note\":\"" + "x".repeat(1025) + "\"}}").expect(422);
        StringBuilder many = new StringBuilder("{\"credentials\":{\"api_key\":\"k\"");
        for (int i = 0; i < 21; i++) {
            many.append(",\"f").append(i).append("\":\"v\"");
        }
        member.put(path, many.append("}}").toString()).expect(422);
        // a declared field still fails its own rules
        member.put(path, "{\"credentials\":{\"username\":\"u\"}}").expect(422);
        assertEquals(json("{\"username\":\"optional-username\"}"), member.get(path).expect(200).data().getJsonObject("metadata"));
    }

    // ---- helpers ----

    String uniqueWidget() {
        String id = "trust-" + UUID.randomUUID().toString().substring(0, 8);
        admin.post("dashboard/widgets", "{\"id\":\"" + id + "\",\"name\":\"Widget " + id + "\"}").expect(201);
        return id;
    }

    static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
