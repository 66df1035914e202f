package dev.hollerith.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hollerith.testing.Api;
import dev.hollerith.testing.PayaraProcess;
import dev.hollerith.testing.Requirements;
import dev.hollerith.testing.TestDatabase;
import dev.hollerith.webhooks.Senders;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Signed webhook ingest on PostgreSQL or the embedded H2: rate and latency of accepted deliveries (HMAC-SHA256 over the raw
 * body, verified, stored as a new data version with its delivery log row in one group-committed transaction), then the
 * durability check: every delivery answered 200 is in the database, as a log row and as a version.
 * <p>
 * Run: {@code HOLLERITH_TEST_DB_URL=jdbc:postgresql://127.0.0.1:5432/test_webhooks mvn -B -o -Pbench verify
 * -Dit.test=WebhookIngestBenchmark} (without HOLLERITH_TEST_DB_URL: on the embedded H2) with optional {@code -Dbench.seconds=30}
 * {@code -Dbench.concurrency=16} {@code -Dbench.configs=16}. Figures go to the console and
 * {@code target/bench/webhook-ingest.txt}. The webhook and credential rate limits are lifted for the run.
 */
class WebhookIngestBenchmark {

    static final String SECRET = "bench-secret-" + UUID.randomUUID();

    final int seconds = Integer.getInteger("bench.seconds", 30);
    final int concurrency = Integer.getInteger("bench.concurrency", 16);
    final int configCount = Integer.getInteger("bench.configs", 16);
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void signedWebhookIngest() throws Exception {
        String database = Requirements.onPostgres() ? "PostgreSQL" : "embedded H2";
        try (PayaraProcess server = new PayaraProcess()
                .property("hollerith.ratelimit.webhooks-per-hour", "1000000000")
                .property("hollerith.ratelimit.credentials-per-minute", "1000").start()) {
            Api admin = server.api().asAdmin();
            String widget = "bench-" + UUID.randomUUID().toString().substring(0, 8);
            admin.post("dashboard/widgets", "{\"id\":\"" + widget + "\",\"name\":\"Benchmark feed\"}").expect(201);
            long integration = admin.post("dashboard/widgets/" + widget + "/integrations", """
                    {"widget_id": "%s", "name": "bench", "integration_type": "push", "credential_scope": "widget",
                     "credential_schema": {"secret": {"type": "string", "required": true, "sensitive": true}},
                     "push_config": {"signature_header": "X-Hub-Signature-256"}}
                    """.formatted(widget)).expect(201).data().getJsonNumber("id").longValue();
            String org = admin.createOrganization("Bench");
            List<URI> targets = new ArrayList<>();
            for (int i = 0; i < configCount; i++) {
                String config = admin.post("dashboard/organizations/" + org + "/widget-configs",
                        Json.createObjectBuilder().add("widget_id", widget).add("name", "screen " + i).add("options", JsonValue.EMPTY_JSON_OBJECT)
                                .build().toString()).expect(201).data().getString("id");
                admin.post("dashboard/widget-configs/" + config + "/credentials",
                        "{\"integration_id\":" + integration + ",\"credentials\":{\"secret\":\"" + SECRET + "\"}}").expect(201);
                targets.add(server.api().uri("webhooks/widgets/" + integration + "/" + config));
            }

            Run warmUp = run(targets, Duration.ofSeconds(Math.max(5, seconds / 3)), "warm");
            Run measured = run(targets, Duration.ofSeconds(seconds), "run");

            long acknowledged = warmUp.acknowledged() + measured.acknowledged();
            long storedRows = Long.parseLong(TestDatabase.strings(
                    "SELECT COUNT(*) FROM webhook_delivery WHERE integration_id = ? AND outcome = 'accepted'", integration).get(0));
            long storedVersions = Long.parseLong(TestDatabase.strings(
                    "SELECT COALESCE(SUM(version), 0) FROM integration_data WHERE integration_id = ?", integration).get(0));

            String report = """
                    Signed webhook ingest (HMAC-SHA256, %s, %d senders, %d widget configs, %d s after %d s warm-up)
                      accepted      %d deliveries, %.0f per second
                      latency       p50 %.1f ms, p99 %.1f ms, max %.1f ms
                      other answers %s
                      check         acknowledged %d (warm-up + run) = delivery rows %d = data versions %d
                    """.formatted(database, concurrency, configCount, seconds, Math.max(5, seconds / 3),
                    measured.acknowledged(), measured.acknowledged() / (double) seconds,
                    measured.percentile(0.50), measured.percentile(0.99), measured.percentile(1.0),
                    measured.failures().isEmpty() ? "none" : measured.failures(),
                    acknowledged, storedRows, storedVersions);
            System.out.println(report);
            Path out = Path.of("target", "bench", "webhook-ingest.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);

            assertTrue(measured.acknowledged() > 0, "no delivery was accepted: " + measured.failures());
            if (warmUp.failures().isEmpty() && measured.failures().isEmpty()) {
                assertEquals(acknowledged, storedRows, "every acknowledged delivery has its log row");
                assertEquals(acknowledged, storedVersions, "every acknowledged delivery (distinct content) is a stored version");
            } else {
                // a request that timed out on our side may still have been stored: never fewer, possibly more
                assertTrue(storedRows >= acknowledged && storedVersions >= acknowledged, "an acknowledged delivery is missing");
            }
        }
    }

    record Run(long acknowledged, long[] latenciesNanos, Map<String, Long> failures) {
        double percentile(double p) {
            if (latenciesNanos.length == 0) {
                return 0;
            }
            int index = (int) Math.min(latenciesNanos.length - 1, Math.ceil(p * latenciesNanos.length) - 1);
            return latenciesNanos[Math.max(0, index)] / 1_000_000.0;
        }
    }

    private Run run(List<URI> targets, Duration duration, String label) throws Exception {
        long end = System.nanoTime() + duration.toNanos();
        AtomicLong sequence = new AtomicLong();
        Map<String, Long> failures = new ConcurrentHashMap<>();
        ExecutorService senders = Executors.newFixedThreadPool(concurrency);
        List<Future<long[]>> results = new ArrayList<>();
        for (int s = 0; s < concurrency; s++) {
            results.add(senders.submit(() -> {
                long[] latencies = new long[1 << 16];
                int count = 0;
                while (System.nanoTime() < end) {
                    long n = sequence.incrementAndGet();
                    URI target = targets.get((int) (n % targets.size()));
                    // distinct content every time: each accepted delivery must become a new version
                    byte[] body = ("{\"data\":{\"run\":\"" + label + "\",\"n\":" + n + ",\"headline\":\"Breaking news number " + n + "\"}}")
                            .getBytes(StandardCharsets.UTF_8);
                    HttpRequest request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .header("X-Hub-Signature-256", Senders.hub("sha256", SECRET, body))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                    long start = System.nanoTime();
                    int status;
                    try {
                        status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (IOException e) {
                        failures.merge(e.getClass().getSimpleName(), 1L, Long::sum);
                        continue;
                    }
                    long elapsed = System.nanoTime() - start;
                    if (status == 200) {
                        if (count == latencies.length) {
                            latencies = Arrays.copyOf(latencies, count * 2);
                        }
                        latencies[count++] = elapsed;
                    } else {
                        failures.merge("HTTP " + status, 1L, Long::sum);
                    }
                }
                return Arrays.copyOf(latencies, count);
            }));
        }
        long[] all = new long[0];
        for (Future<long[]> result : results) {
            long[] part = result.get();
            long[] merged = Arrays.copyOf(all, all.length + part.length);
            System.arraycopy(part, 0, merged, all.length, part.length);
            all = merged;
        }
        senders.shutdown();
        Arrays.sort(all);
        return new Run(all.length, all, new TreeMap<>(failures));
    }
}
