package dev.hollerith.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hollerith.testing.Api;
import dev.hollerith.testing.BaseUrl;
import dev.hollerith.testing.HollerithWar;
import dev.hollerith.testing.SharedServer;
import dev.hollerith.testing.TestDatabase;
import jakarta.json.JsonObject;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Sign-in, API keys, roles and tenant isolation over real HTTP against the packaged WAR. */
@ExtendWith(SharedServer.class)
class TenancyIT {

    @BaseUrl
    URL base;

    Api api;
    Api admin;

    @BeforeEach
    void signInAsAdmin() {
        api = new Api(base);
        admin = api.asAdmin();
    }

    @Test
    void signInReturnsSessionTokenWithExpiry() {
        JsonObject data = api.post("dashboard/sessions",
                "{\"email\":\"" + HollerithWar.ADMIN_EMAIL + "\",\"password\":\"" + HollerithWar.ADMIN_PASSWORD + "\"}").expect(201).data();
        assertTrue(data.getString("token").startsWith("hs_"));
        assertTrue(data.containsKey("expires_at"));
        assertEquals("admin", api.as(data.getString("token")).get("dashboard/sessions/current").expect(200).data().getString("role"));
    }

    @Test
    void rejectsWrongPasswordAndUnknownEmailAlike() {
        String wrong = api.post("dashboard/sessions", "{\"email\":\"" + HollerithWar.ADMIN_EMAIL + "\",\"password\":\"nope-nope-nope\"}").expect(401).error();
        String unknown = api.post("dashboard/sessions", "{\"email\":\"nobody@example.com\",\"password\":\"nope-nope-nope\"}").expect(401).error();
        assertEquals(wrong, unknown);
    }

    @Test
    void signInAttemptsPerAccountAndAddressAreRateLimited() {
        String body = "{\"email\":\"guess-" + System.nanoTime() + "@example.com\",\"password\":\"wrong-password\"}";
        for (int i = 0; i < 30; i++) {
            dev.hollerith.testing.ApiResponse attempt = api.post("dashboard/sessions", body).expect(401);
            assertTrue(attempt.header("RateLimit").isPresent(), "limited endpoints send RateLimit headers on every answer");
        }
        dev.hollerith.testing.ApiResponse limited = api.post("dashboard/sessions", body).expect(429);
        assertTrue(Long.parseLong(limited.header("Retry-After").orElseThrow()) >= 1);
        assertEquals("\"sign-in-per-address\";q=30;w=60", limited.header("RateLimit-Policy").orElseThrow());
        assertTrue(limited.error().startsWith("Rate limit exceeded"));
    }

    @Test
    void signOutEndsTheSession() {
        String token = api.signIn(HollerithWar.ADMIN_EMAIL, HollerithWar.ADMIN_PASSWORD);
        api.as(token).delete("dashboard/sessions/current").expect(204);
        api.as(token).get("dashboard/organizations").expect(401);
    }

    @Test
    void apiKeyIsShownOnceAndStoredAsBcrypt() {
        String org = admin.createOrganization("Keys");
        JsonObject created = admin.post("dashboard/organizations/" + org + "/api-keys", "{\"name\":\"lobby screen\",\"role\":\"player\"}").expect(201).data();
        String key = created.getString("key");
        assertTrue(key.startsWith("hk_"));

        String listing = admin.get("dashboard/organizations/" + org + "/api-keys").expect(200).body();
        assertFalse(listing.contains(key.substring(key.lastIndexOf('_') + 1)), "a listing must never show the secret");
        assertTrue(listing.contains(created.getString("id")));

        List<String> stored = TestDatabase.strings("SELECT token_hash FROM api_key WHERE id = ?", created.getString("id"));
        assertEquals(1, stored.size());
        // bcrypt, at the work factor the test servers are given (hollerith.security.bcrypt-cost=4)
        assertTrue(stored.get(0).startsWith("$2a$04$"), "stored as a bcrypt hash of the configured cost: " + stored.get(0).substring(0, 7));
        assertFalse(stored.get(0).contains(key.substring(20)));
    }

    @Test
    void requestsWithoutTokenOrWithBadTokenGet401() {
        assertTrue(api.get("dashboard/organizations").expect(401).error().startsWith("Authentication required"));
        api.as("hk_0123456789abcdef_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa").get("dashboard/organizations").expect(401);
        api.as("garbage").get("dashboard/organizations").expect(401);
    }

    @Test
    void wrongRoleGets403() {
        String org = admin.createOrganization("Roles");
        String player = admin.createKey(org, "player");
        api.as(player).get("dashboard/organizations").expect(403);
        api.as(player).post("dashboard/organizations", "{\"name\":\"x\"}").expect(403);
        String member = admin.createKey(org, "member");
        api.as(member).post("dashboard/organizations", "{\"name\":\"x\"}").expect(403);
    }

    @Test
    void memberSeesOwnOrganizationAndGets404ForAnother() {
        String mine = admin.createOrganization("Mine");
        String theirs = admin.createOrganization("Theirs");
        Api member = api.as(admin.createKey(mine, "member"));

        member.get("dashboard/organizations/" + mine).expect(200);
        assertEquals(1, member.get("dashboard/organizations").expect(200).dataArray().size());
        assertEquals("Organization not found", member.get("dashboard/organizations/" + theirs).expect(404).error());
        member.get("dashboard/organizations/" + theirs + "/api-keys").expect(404);
        member.post("dashboard/organizations/" + theirs + "/api-keys", "{\"name\":\"x\",\"role\":\"player\"}").expect(404);
        member.get("dashboard/organizations/does-not-exist").expect(404);
    }

    @Test
    void revokedKeyStopsWorkingAtOnce() {
        String org = admin.createOrganization("Revoke");
        JsonObject created = admin.post("dashboard/organizations/" + org + "/api-keys", "{\"name\":\"m\",\"role\":\"member\"}").expect(201).data();
        Api member = api.as(created.getString("key"));
        member.get("dashboard/organizations/" + org).expect(200);
        admin.delete("dashboard/organizations/" + org + "/api-keys/" + created.getString("id")).expect(204);
        member.get("dashboard/organizations/" + org).expect(401);
    }

    @Test
    void membersSignInAndManageOnlyTheirOrganization() {
        String org = admin.createOrganization("People");
        String email = "member-" + System.nanoTime() + "@example.com";
        admin.post("dashboard/organizations/" + org + "/users", "{\"email\":\"" + email + "\",\"password\":\"long-enough-1\"}").expect(201);
        Api member = api.as(api.signIn(email, "long-enough-1"));
        assertEquals("member", member.get("dashboard/sessions/current").expect(200).data().getString("role"));
        member.post("dashboard/organizations/" + org + "/api-keys", "{\"name\":\"tv\",\"role\":\"player\"}").expect(201);
        admin.post("dashboard/organizations/" + org + "/users", "{\"email\":\"" + email + "\",\"password\":\"long-enough-1\"}").expect(409);
    }

    @Test
    void validationErrorsNameTheirFields() {
        JsonObject error = admin.post("dashboard/organizations", "{}").expect(422).json();
        assertEquals("Validation failed", error.getString("error"));
        assertEquals("is required", error.getJsonObject("errors").getJsonArray("name").getString(0));

        String org = admin.createOrganization("Validation");
        JsonObject keyError = admin.post("dashboard/organizations/" + org + "/api-keys", "{\"name\":\"\",\"role\":\"admin\"}").expect(422).json();
        assertTrue(keyError.getJsonObject("errors").containsKey("name"));
        assertTrue(keyError.getJsonObject("errors").containsKey("role"));
    }

    @Test
    void injectionTextIsStoredAsPlainText() {
        String name = "Robert'); DROP TABLE organization;-- <script>alert(1)</script>";
        String id = admin.post("dashboard/organizations", jsonString("name", name)).expect(201).data().getString("id");
        assertEquals(name, admin.get("dashboard/organizations/" + id).expect(200).data().getString("name"));
    }

    private static String jsonString(String field, String value) {
        return jakarta.json.Json.createObjectBuilder().add(field, value).build().toString();
    }
}
