package dev.hollerith.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hollerith.testing.Api;
import dev.hollerith.testing.ApiResponse;
import dev.hollerith.testing.OwnServers;
import dev.hollerith.testing.PayaraProcess;
import dev.hollerith.testing.Requirements;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * kill -9 under webhook load on the embedded H2 database (its default URL, its own files), then a restart
 * on the same files: every acknowledged delivery is there, each config's stored version is at least the
 * highest one acknowledged, holds the data acknowledged as that version, and the next delivery gets a
 * version never handed out before (a player that saw vN never gets different data as vN).
 */
@ExtendWith(OwnServers.class)
class WebhookCrashIT {

    private static final String INTEGRATION = """
            {"widget_id": "%s", "name": "push", "integration_type": "push", "credential_scope": "widget",
             "credential_schema": {"api_key": {"type": "string", "required": true, "sensitive": true}},
             "push_config": {"api_key_credential": "api_key"}}
            """;

    /** What a config's senders were told: the highest version acknowledged, and the data sent with it. */
    record Acknowledged(long version, JsonObject data) {
    }

    @Test
    void acknowledgedDeliveriesSurviveKillMinus9() throws Exception {
        Assumptions.assumeFalse(Requirements.onPostgres(), "the crash case of the embedded database; PostgreSQL is durable at commit");
        Path data = Files.createTempDirectory("hollerith-crash");
        String url = "jdbc:h2:file:" + data + "/hollerith;MODE=LEGACY;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
        List<String> configs = new ArrayList<>();
        String path;
        Map<String, Acknowledged> acknowledged = new ConcurrentHashMap<>();
        AtomicInteger acks = new AtomicInteger();
        try (PayaraProcess first = node(data, url).start()) {
            Api admin = first.api().asAdmin();
            String widget = "crash-" + System.nanoTime();
            admin.post("dashboard/widgets", "{\"id\":\"" + widget + "\",\"name\":\"crash\"}").expect(201);
            long integration = admin.post("dashboard/widgets/" + widget + "/integrations", INTEGRATION.formatted(widget))
                    .expect(201).data().getJsonNumber("id").longValue();
            String org = admin.createOrganization("Crash");
            for (int i = 0; i < 4; i++) {
                String config = admin.post("dashboard/organizations/" + org + "/widget-configs",
                        Json.createObjectBuilder().add("widget_id", widget).add("name", "c" + i).add("options", JsonValue.EMPTY_JSON_OBJECT)
                                .build().toString()).expect(201).data().getString("id");
                admin.post("dashboard/widget-configs/" + config + "/credentials",
                        "{\"integration_id\":" + integration + ",\"credentials\":{\"api_key\":\"k\"}}").expect(201);
                configs.add(config);
            }
            path = "webhooks/widgets/" + integration + "/";
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService senders = Executors.newFixedThreadPool(8);
            for (int t = 0; t < 8; t++) {
                int sender = t;
                senders.execute(() -> {
                    Api api = first.api().anonymous().with("X-API-Key", "k");
                    for (int n = 0; running.get(); n++) {
                        String config = configs.get((sender + n) % configs.size());
                        JsonObject sent = Json.createObjectBuilder().add("sender", sender).add("n", n).build();
                        try {
                            ApiResponse answer = api.post(path + config, Json.createObjectBuilder().add("data", sent).build().toString());
                            if (answer.status() == 200) {
                                long version = answer.json().getJsonNumber("version").longValue();
                                acks.incrementAndGet();
                                acknowledged.merge(config, new Acknowledged(version, sent), (a, b) -> a.version() >= b.version() ? a : b);
                            }
                        } catch (UncheckedIOException | IllegalStateException killed) {
                            return;
                        }
                    }
                });
            }
            // kill in the middle of the load, once it is real (a busy build machine may need a while to warm up)
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (acks.get() < 50 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(500);
            first.kill();
            running.set(false);
            senders.shutdown();
            assertTrue(senders.awaitTermination(90, TimeUnit.SECONDS));
        }
        assertTrue(acks.get() >= 50, "the load was real: " + acks.get() + " acknowledged");
        try (PayaraProcess second = node(data, url).start()) {
            Api admin = second.api().asAdmin();
            for (String config : configs) {
                Acknowledged last = acknowledged.get(config);
                if (last == null) {
                    continue;
                }
                JsonObject stored = admin.get("dashboard/widget-configs/" + config + "/data").expect(200).json();
                long version = stored.getJsonNumber("version").longValue();
                assertTrue(version >= last.version(), config + ": acknowledged v" + last.version() + ", stored v" + version);
                if (version == last.version()) {
                    assertEquals(last.data(), stored.getJsonObject("data"), "v" + version + " holds what was acknowledged as v" + version);
                }
                long next = second.api().anonymous().with("X-API-Key", "k")
                        .post(path + config, "{\"data\":{\"after\":\"restart\"}}").expect(200).json().getJsonNumber("version").longValue();
                assertEquals(version + 1, next, "a version is never handed out twice");
            }
        } finally {
            deleteQuietly(data);
        }
    }

    private static PayaraProcess node(Path data, String url) {
        return new PayaraProcess().property("hollerith.data.dir", data.toString()).property("hollerith.db.url", url)
                .property("hollerith.ratelimit.webhooks-per-hour", "1000000000");
    }

    private static void deleteQuietly(Path directory) {
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory: the OS cleans it eventually
        }
    }
}
