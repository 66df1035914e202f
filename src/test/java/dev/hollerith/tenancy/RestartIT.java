package dev.hollerith.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hollerith.testing.Api;
import dev.hollerith.testing.OwnServers;
import dev.hollerith.testing.PayaraProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Stopping and starting Payara Micro keeps organizations, users and keys (H2 file or PostgreSQL). */
@ExtendWith(OwnServers.class)
class RestartIT {

    @Test
    void organizationsUsersAndKeysSurviveARestart() {
        String org;
        String key;
        String email = "durable-" + System.nanoTime() + "@example.com";
        try (PayaraProcess first = new PayaraProcess().start()) {
            Api admin = first.api().asAdmin();
            org = admin.createOrganization("Durable");
            key = admin.createKey(org, "member");
            admin.post("dashboard/organizations/" + org + "/users", "{\"email\":\"" + email + "\",\"password\":\"long-enough-1\"}").expect(201);
            first.stop();
        }
        try (PayaraProcess second = new PayaraProcess().start()) {
            Api api = second.api();
            assertEquals(org, api.as(key).get("dashboard/organizations/" + org).expect(200).data().getString("id"));
            api.signIn(email, "long-enough-1");
        }
    }
}
