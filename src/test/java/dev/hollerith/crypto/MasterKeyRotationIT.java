package dev.hollerith.crypto;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.hollerith.crypto.control.MasterKey;
import dev.hollerith.testing.Api;
import dev.hollerith.testing.OwnServers;
import dev.hollerith.testing.PayaraProcess;
import dev.hollerith.testing.TestDatabase;
import jakarta.json.Json;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Rotating the master key on a real server: the data keys are re-wrapped at start-up and every
 * secret stays readable, also once the previous key is forgotten. The secret here is a client's
 * Home Assistant token, which the server decrypts to notify the (fake) widget.
 */
@ExtendWith(OwnServers.class)
class MasterKeyRotationIT {

    /** The key every other test server uses (see PayaraProcess). */
    private static final String TEST_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    private static final String NEW_KEY = "ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=";

    WireMockServer widget;

    @BeforeEach
    void startWidget() {
        widget = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        widget.start();
        widget.stubFor(post(urlEqualTo("/api/widget/disable")).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"success\": true, \"message\": \"ok\"}")));
    }

    @AfterEach
    void stopWidget() {
        widget.stop();
    }

    @Test
    void rotationRewrapsDataKeysWithoutLosingSecrets() {
        String token = "ha-token-" + UUID.randomUUID();
        String clientId;
        try (PayaraProcess before = new PayaraProcess().start()) {
            clientId = before.api().asAdmin().post("dashboard/clients", Json.createObjectBuilder().add("name", "Rotation")
                    .add("ha_url", "http://127.0.0.1:" + widget.port()).add("ha_token", token).build().toString()).expect(201).data().getString("id");
            before.stop();
        }
        try {
            try (PayaraProcess rotated = new PayaraProcess().property("hollerith.master.key", NEW_KEY)
                    .property("hollerith.master.key.previous", TEST_KEY).start()) {
                assertEquals(List.of(MasterKey.fromBase64(NEW_KEY).id()),
                        TestDatabase.strings("SELECT DISTINCT master_key_id FROM data_key"), "every data key re-wrapped");
                assertNotifiesWith(rotated.api().asAdmin(), clientId, token);
                rotated.stop();
            }
            try (PayaraProcess forgotten = new PayaraProcess().property("hollerith.master.key", NEW_KEY).start()) {
                assertNotifiesWith(forgotten.api().asAdmin(), clientId, token);
                forgotten.stop();
            }
        } finally {
            // rotate back, so the other tests' servers (which use TEST_KEY) can open the data keys again
            try (PayaraProcess back = new PayaraProcess().property("hollerith.master.key.previous", NEW_KEY).start()) {
                back.stop();
            }
        }
        assertEquals(List.of(MasterKey.fromBase64(TEST_KEY).id()), TestDatabase.strings("SELECT DISTINCT master_key_id FROM data_key"));
    }

    private void assertNotifiesWith(Api admin, String clientId, String token) {
        widget.resetRequests();
        admin.put("dashboard/clients/" + clientId + "/external-widget", "{\"disabled\": true}").expect(200);
        widget.verify(1, postRequestedFor(urlEqualTo("/api/widget/disable"))
                .withRequestBody(matchingJsonPath("$.ha_token", equalTo(token)))
                .withRequestBody(matchingJsonPath("$.client_id", equalTo(clientId))));
        assertTrue(admin.get("dashboard/clients/" + clientId).expect(200).body().indexOf(token) < 0);
    }
}
