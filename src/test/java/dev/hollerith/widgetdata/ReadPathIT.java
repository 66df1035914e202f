package dev.hollerith.widgetdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hollerith.testing.Api;
import dev.hollerith.testing.ApiResponse;
import dev.hollerith.testing.BaseUrl;
import dev.hollerith.testing.SharedServer;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The player read path of issue 12 on one instance: answers from memory that stay true (a new
 * version, a revoked key, a deleted config are honoured at once), the same body and headers as the
 * database would give, SSE under concurrent connects, and wrong API-key secrets (issue 14 item 6).
 */
@ExtendWith(SharedServer.class)
class ReadPathIT {

    @BaseUrl
    URL base;

    Api admin;
    String org;
    String config;
    String hook;
    String playerKey;
    Api player;

    @BeforeEach
    void pushWidget() {
        admin = new Api(base).asAdmin();
        String widget = "read-" + UUID.randomUUID().toString().substring(0, 8);
        admin.post("dashboard/widgets", "{\"id\":\"" + widget + "\",\"name\":\"Read path\"}").expect(201);
        long integration = admin.post("dashboard/widgets/" + widget + "/integrations", """
                {"widget_id": "%s", "name": "open", "integration_type": "push", "credential_scope": "widget", "credential_schema": {}}
                """.formatted(widget)).expect(201).data().getJsonNumber("id").longValue();
        org = admin.createOrganization("Read path");
        config = admin.post("dashboard/organizations/" + org + "/widget-configs",
                "{\"widget_id\":\"" + widget + "\",\"name\":\"screen\",\"options\":{}}").expect(201).data().getString("id");
        hook = "webhooks/widgets/" + integration + "/" + config;
        playerKey = admin.createKey(org, "player");
        player = admin.as(playerKey);
    }

    long push(String data) {
        return admin.anonymous().post(hook, "{\"data\":" + data + "}").expect(200).json().getJsonNumber("version").longValue();
    }

    String data() {
        return "dashboard/widget-configs/" + config + "/data";
    }

    @Test
    void theAnswerFromMemoryHasTheBodyAndHeadersOfTheStoredVersionAndMovesWithIt() {
        long first = push("{\"temp\":21.5,\"city\":\"Stockholm\",\"list\":[1,2,{\"x\":null}]}");
        ApiResponse ok = player.get(data()).expect(200);
        assertEquals("\"" + first + "\"", ok.header("ETag").orElseThrow());
        assertEquals("no-cache", ok.header("Cache-Control").orElseThrow());
        assertTrue(ok.header("Content-Type").orElseThrow().startsWith("application/json"));
        assertEquals("{\"temp\":21.5,\"city\":\"Stockholm\",\"list\":[1,2,{\"x\":null}]}", ok.json().getJsonObject("data").toString());
        assertEquals(first, ok.json().getJsonNumber("version").longValue());
        assertEquals("success", ok.json().getString("status"));
        assertTrue(ok.body().startsWith("{\"data\":{"), ok.body());
        assertEquals(ok.body(), player.get(data()).expect(200).body(), "the same bytes again");

        ApiResponse notModified = player.get(data() + "?version=" + first).expect(304);
        assertEquals("\"" + first + "\"", notModified.header("ETag").orElseThrow());
        assertEquals("no-cache", notModified.header("Cache-Control").orElseThrow());
        player.with("If-None-Match", "W/\"" + first + "\"").get(data()).expect(304);

        long second = push("{\"temp\":22}");
        // no waiting: the instance that stored the version serves it at once
        ApiResponse moved = player.get(data() + "?version=" + first).expect(200);
        assertEquals(second, moved.json().getJsonNumber("version").longValue());
        assertEquals(22, moved.json().getJsonObject("data").getInt("temp"));
        player.get(data() + "?version=" + second).expect(304);
        player.get(data() + "?version=abc").expect(400);
    }

    @Test
    void aRevokedKeyAndADeletedConfigAreRefusedAtOnceThoughRemembered() {
        long version = push("{\"n\":1}");
        JsonKey issued = issue("player");
        Api kiosk = admin.as(issued.key());
        kiosk.get(data() + "?version=" + version).expect(304);
        kiosk.get(data() + "?version=" + version).expect(304);
        admin.delete("dashboard/organizations/" + org + "/api-keys/" + issued.id()).expect(204);
        assertEquals("Invalid, expired or revoked token", kiosk.get(data() + "?version=" + version).expect(401).error());

        player.get(data() + "?version=" + version).expect(304);
        admin.delete("dashboard/widget-configs/" + config).expect(204);
        assertEquals("Widget config not found", player.get(data() + "?version=" + version).expect(404).error());
        player.get("dashboard/widget-configs/" + config + "/events").expect(404);
    }

    @Test
    void tenantsAndRolesHoldOnTheFastPath() {
        long version = push("{\"n\":1}");
        player.get(data() + "?version=" + version).expect(304);
        Api stranger = admin.as(admin.createKey(admin.createOrganization("Stranger"), "player"));
        assertEquals("Widget config not found", stranger.get(data() + "?version=" + version).expect(404).error());
        assertEquals("Widget config not found", stranger.get(data()).expect(404).error());
        assertEquals("Authentication required: send Authorization: Bearer <token>", admin.anonymous().get(data()).expect(401).error());
        assertEquals("Widget config not found", stranger.with("If-None-Match", "\"" + version + "\"").get(data()).expect(404).error());
        Api punchcard = admin.as(admin.createKey(org, "punchcard"));
        assertTrue(punchcard.get(data()).expect(403).error().startsWith("Forbidden"));
        assertTrue(punchcard.get(data() + "?version=" + version).expect(403).error().startsWith("Forbidden"));
        assertEquals("Invalid, expired or revoked token", admin.as("hk_0123456789abcdef_" + "A".repeat(43))
                .get(data() + "?version=" + version).expect(401).error());
        admin.get(data() + "?version=" + version).expect(304);
        // what the servlet shortcut leaves to JAX-RS answers the same: an encoded id, a stale version, a bad one
        player.get(data().replace(config, config.replace("-", "%2D")) + "?version=" + version).expect(304);
        player.get(data() + "?version=" + (version - 1)).expect(200);
        player.get(data() + "?version=x").expect(400);
    }

    @Test
    void aWrongSecretForAKnownKeyIsAnsweredLikeAnUnknownKey() {
        JsonKey issued = issue("player");
        String id = issued.key().split("_")[1];
        String wrong = "hk_" + id + "_" + "A".repeat(43);
        String unknown = "hk_" + "0123456789abcdef" + "_" + "A".repeat(43);
        push("{\"n\":1}");
        admin.as(issued.key()).get(data()).expect(200); // in use: this instance has verified it
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ApiResponse known = admin.as(wrong).get(data());
            ApiResponse absent = admin.as(unknown).get(data());
            answers.add(known.status() + " " + known.body());
            assertEquals(known.status() + " " + known.body(), absent.status() + " " + absent.body());
            assertEquals(known.header("WWW-Authenticate"), absent.header("WWW-Authenticate"));
        }
        assertEquals(List.of("401 {\"error\":\"Invalid, expired or revoked token\"}"), answers.stream().distinct().toList());
        // the key itself still works while its id is being guessed at
        admin.as(issued.key()).get(data()).expect(200);
    }

    @Test
    void manyConcurrentEventStreamsAllOpenAndAllGetTheNewVersion() throws Exception {
        long first = push("{\"n\":1}");
        int streams = 300;
        ExecutorService pool = Executors.newFixedThreadPool(64);
        List<Socket> sockets = new ArrayList<>();
        try {
            List<CompletableFuture<String>> opened = new ArrayList<>();
            for (int i = 0; i < streams; i++) {
                opened.add(CompletableFuture.supplyAsync(() -> openStream(sockets), pool));
            }
            Map<String, Integer> statuses = new TreeMap<>();
            for (CompletableFuture<String> status : opened) {
                statuses.merge(status.get(60, TimeUnit.SECONDS), 1, Integer::sum);
            }
            assertEquals(Map.of("HTTP/1.1 200 OK id: " + first, streams), statuses, "every stream opened and got the current version");

            long second = push("{\"n\":2}");
            List<CompletableFuture<Boolean>> delivered = new ArrayList<>();
            synchronized (sockets) {
                for (Socket socket : sockets) {
                    delivered.add(CompletableFuture.supplyAsync(() -> awaitId(socket, second), pool));
                }
            }
            long got = 0;
            for (CompletableFuture<Boolean> one : delivered) {
                got += one.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(streams, got, "every stream got version " + second);
        } finally {
            synchronized (sockets) {
                for (Socket socket : sockets) {
                    socket.close();
                }
            }
            pool.shutdownNow();
        }
    }

    private String openStream(List<Socket> sockets) {
        try {
            Socket socket = new Socket(base.getHost(), base.getPort());
            socket.setSoTimeout(30_000);
            synchronized (sockets) {
                sockets.add(socket);
            }
            OutputStream out = socket.getOutputStream();
            out.write(("GET /dashboard/widget-configs/" + config + "/events HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + playerKey
                    + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = readLine(socket);
            if (!status.contains(" 200")) {
                return status;
            }
            String line;
            while ((line = readLine(socket)) != null) {
                if (line.startsWith("id:")) {
                    return status + " id: " + line.substring(3).trim();
                }
            }
            return status + " closed";
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static boolean awaitId(Socket socket, long id) {
        try {
            String line;
            while ((line = readLine(socket)) != null) {
                if (line.startsWith("id:") && Long.parseLong(line.substring(3).trim()) >= id) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    /** One line, byte by byte: the socket is read from several places, so no buffering reader may swallow the next line. */
    private static String readLine(Socket socket) throws java.io.IOException {
        StringBuilder line = new StringBuilder();
        var in = socket.getInputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                return line.toString().trim();
            }
            line.append((char) c);
        }
        return line.length() == 0 ? null : line.toString();
    }

    record JsonKey(String id, String key) {
    }

    JsonKey issue(String role) {
        var data = admin.post("dashboard/organizations/" + org + "/api-keys", "{\"name\":\"kiosk\",\"role\":\"" + role + "\"}").expect(201).data();
        return new JsonKey(data.getString("id"), data.getString("key"));
    }
}
