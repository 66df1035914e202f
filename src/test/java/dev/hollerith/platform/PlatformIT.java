package dev.hollerith.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hollerith.testing.Api;
import dev.hollerith.testing.ApiResponse;
import dev.hollerith.testing.BaseUrl;
import dev.hollerith.testing.SharedServer;
import java.net.URL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The error shapes of API.md, health and OpenAPI: what every endpoint shares. */
@ExtendWith(SharedServer.class)
class PlatformIT {

    @BaseUrl
    URL base;

    Api api;
    Api admin;

    @BeforeEach
    void signIn() {
        api = new Api(base);
        admin = api.asAdmin();
    }

    @Test
    void healthIsUpWithDatabaseCheck() {
        ApiResponse health = api.get("health").expect(200);
        assertEquals("UP", health.json().getString("status"));
        assertTrue(health.body().contains("\"database\""));
    }

    @Test
    void openApiDescribesTheEndpoints() {
        String document = api.get("openapi").expect(200).body();
        assertTrue(document.contains("/dashboard/organizations"));
        assertTrue(document.contains("/dashboard/sessions"));
    }

    @Test
    void malformedJsonIs400WithJsonError() {
        ApiResponse response = admin.post("dashboard/organizations", "{\"name\":").expect(400);
        assertTrue(response.error().startsWith("Malformed JSON"));
        assertJsonWithoutInternals(response);
    }

    @Test
    void oversizedBodyIs413() {
        String big = "{\"name\":\"" + "a".repeat(300_000) + "\"}";
        ApiResponse response = admin.post("dashboard/organizations", big).expect(413);
        assertTrue(response.error().contains("exceeds the limit"));
    }

    @Test
    void wrongContentTypeIs415() {
        ApiResponse response = admin.send("POST", "dashboard/organizations", "name=x", "text/plain").expect(415);
        assertJsonWithoutInternals(response);
    }

    @Test
    void wrongMethodIs405() {
        ApiResponse response = admin.put("dashboard/organizations", "{}").expect(405);
        assertTrue(response.header("Allow").isPresent());
        assertJsonWithoutInternals(response);
    }

    @Test
    void unknownPathIs404Json() {
        assertJsonWithoutInternals(admin.get("dashboard/no-such-thing").expect(404));
    }

    @Test
    void jsonArrayWhereAnObjectBelongsIs400() {
        assertJsonWithoutInternals(admin.post("dashboard/clients", "[1, 2]").expect(400));
        assertJsonWithoutInternals(admin.post("dashboard/organizations", "\"just a string\"").expect(400));
    }

    @Test
    void missingBodyIs400() {
        assertJsonWithoutInternals(admin.send("POST", "dashboard/organizations", null, "application/json").expect(400));
    }

    private static void assertJsonWithoutInternals(ApiResponse response) {
        assertTrue(response.header("Content-Type").orElse("").startsWith("application/json"), response.body());
        assertFalse(response.error().isBlank());
        assertFalse(response.body().contains("Exception"), response.body());
        assertFalse(response.body().contains("at dev."), response.body());
    }
}
