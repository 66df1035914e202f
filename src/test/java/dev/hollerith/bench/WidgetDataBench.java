package dev.hollerith.bench;

import com.sun.net.httpserver.HttpServer;
import dev.hollerith.testing.Api;
import dev.hollerith.testing.PayaraProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * Not a test: the benchmark of the player read path and the pull engine ({@code mvn -Pbench verify},
 * README "Widget data, SSE and the pull engine"). Starts the packaged WAR in its own Payara Micro,
 * a fake upstream in this JVM, then measures:
 * <ol>
 * <li>the player read path at 1,000 concurrent clients (keep-alive connections, async client), once
 *     answered 304 (the client holds the current version) and once 200 (no version);</li>
 * <li>the pull engine with 10,000 due jobs: all made due at one instant, then how fast they drain,
 *     how late each run started (p50/p99 from {@code pull_job.last_lateness_ms}) and how many
 *     upstream requests that interval cost.</li>
 * </ol>
 * Sizes: {@code -Dbench.clients=1000 -Dbench.seconds=20 -Dbench.jobs=10000}.
 */
class WidgetDataBench {

    static final int CLIENTS = Integer.getInteger("bench.clients", 1000);
    static final int SECONDS = Integer.getInteger("bench.seconds", 20);
    static final int JOBS = Integer.getInteger("bench.jobs", 10_000);
    static final int READ_CONFIGS = 100;

    final StringBuilder report = new StringBuilder();

    @Test
    void run() throws Exception {
        LongAdder upstreamRequests = new LongAdder();
        LongAdder upstreamNotModified = new LongAdder();
        HttpServer upstream = fakeUpstream(upstreamRequests, upstreamNotModified);
        String upstreamBase = "http://127.0.0.1:" + upstream.getAddress().getPort();
        try (PayaraProcess server = new PayaraProcess()
                .microOptions("--nocluster", "--postbootcommandfile", Path.of("server-config/post-boot.asadmin").toAbsolutePath().toString())
                .start()) {
            line("Hollerith widget data benchmark, %s, %d cores, %s", Instant.now(), Runtime.getRuntime().availableProcessors(),
                    System.getProperty("it.db.url").startsWith("jdbc:postgresql") ? "PostgreSQL" : "H2");
            Api admin = server.api().asAdmin();
            String widget = "bench-weather-" + System.nanoTime();
            admin.post("dashboard/widgets", "{\"id\":\"" + widget + "\",\"name\":\"Bench weather\"}").expect(201);
            long integration = admin.post("dashboard/widgets/" + widget + "/integrations", """
                    {"widget_id":"%s","name":"bench","integration_type":"pull","credential_scope":"organization","credential_schema":{},
                     "config_schema":{"city":{"type":"string","required":true}},
                     "pull_endpoint":"%s/weather","pull_interval_seconds":3600,"pull_config":{"query":{"q":"{{config.city}}"},"timeout":5000}}
                    """.formatted(widget, upstreamBase)).expect(201).data().getJsonNumber("id").longValue();
            String org = admin.createOrganization("Bench");
            String player = admin.createKey(org, "player");

            Instant creating = Instant.now();
            List<String> configs = createConfigs(admin, org, widget, JOBS);
            line("setup: %d widget configs created in %.1f s", configs.size(), Duration.between(creating, Instant.now()).toMillis() / 1000.0);

            // first round: a player's first read of each config creates its job and starts its first pull
            Instant firstRound = Instant.now();
            firstReads(server.api().as(player), configs);
            awaitRuns(integration, JOBS, java.time.LocalDateTime.of(1970, 1, 1, 0, 0), Duration.ofMinutes(10));
            line("first pull of %d new jobs (created by a first read each, then pulled) done in %.1f s; upstream requests so far: %d",
                    JOBS, Duration.between(firstRound, Instant.now()).toMillis() / 1000.0, upstreamRequests.sum());

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newFixedThreadPool(4)).connectTimeout(Duration.ofSeconds(20)).build();
            List<String> readConfigs = configs.subList(0, READ_CONFIGS);
            readPath(http, server, player, readConfigs, true, 5, "warm-up");
            readPath(http, server, player, readConfigs, true, SECONDS, "304 (client holds the current version)");
            readPath(http, server, player, readConfigs, false, SECONDS, "200 (client sends no version)");

            // second round: every job due at the same instant
            long before = upstreamRequests.sum();
            long notModifiedBefore = upstreamNotModified.sum();
            Instant due = Instant.now();
            makeAllDue(integration, due);
            awaitRuns(integration, JOBS, java.time.LocalDateTime.ofInstant(due, java.time.ZoneOffset.UTC), Duration.ofMinutes(10));
            double drained = Duration.between(due, Instant.now()).toMillis() / 1000.0;
            List<Long> lateness = lateness(integration);
            line("pull engine: %d jobs due at once drained in %.1f s = %.0f pulls/s (default pull settings); lateness p50 %d ms, p99 %d ms, max %d ms",
                    JOBS, drained, JOBS / drained, percentile(lateness, 50), percentile(lateness, 99), lateness.get(lateness.size() - 1));
            line("upstream requests in that interval: %d for %d jobs (%d answered 304 to our If-None-Match)",
                    upstreamRequests.sum() - before, JOBS, upstreamNotModified.sum() - notModifiedBefore);
        } finally {
            upstream.stop(0);
        }
        Path out = Path.of("target", "bench-results.txt");
        Files.writeString(out, report.toString());
        System.out.println("\n" + report + "(also in " + out + ")");
    }

    void line(String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        report.append(text).append('\n');
        System.out.println(text);
    }

    /** Answers like a weather API; ETag per city, 304 when the client already has it. */
    static HttpServer fakeUpstream(LongAdder requests, LongAdder notModified) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.createContext("/weather", exchange -> {
            requests.increment();
            String query = exchange.getRequestURI().getRawQuery();
            String city = query == null ? "" : query.replace("q=", "");
            String etag = "\"" + city + "\"";
            if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                notModified.increment();
                exchange.sendResponseHeaders(304, -1);
                exchange.close();
                return;
            }
            byte[] body = ("{\"name\":\"" + city + "\",\"main\":{\"temp\":" + (city.hashCode() % 30) + ",\"humidity\":40}}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("ETag", etag);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
        return server;
    }

    static List<String> createConfigs(Api admin, String org, String widget, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<CompletableFuture<String>> created = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            created.add(CompletableFuture.supplyAsync(() -> admin.post("dashboard/organizations/" + org + "/widget-configs",
                    "{\"widget_id\":\"" + widget + "\",\"name\":\"Screen " + n + "\",\"options\":{\"city\":\"city-" + n + "\"}}")
                    .expect(201).data().getString("id"), pool));
        }
        List<String> ids = new ArrayList<>();
        for (CompletableFuture<String> id : created) {
            ids.add(id.get());
        }
        pool.shutdown();
        return ids;
    }

    static void firstReads(Api player, List<String> configs) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<CompletableFuture<Integer>> reads = new ArrayList<>();
        for (String config : configs) {
            reads.add(CompletableFuture.supplyAsync(() -> player.get("dashboard/widget-configs/" + config + "/data").status(), pool));
        }
        for (CompletableFuture<Integer> read : reads) {
            read.get();
        }
        pool.shutdown();
    }

    /** {@code clients} keep-alive clients, each sending its next request when the last answer arrived. */
    void readPath(HttpClient http, PayaraProcess server, String token, List<String> configs, boolean holdsVersion, int seconds, String label)
            throws Exception {
        List<URI> uris = new ArrayList<>();
        for (String config : configs) {
            URI plain = URI.create(server.url() + "dashboard/widget-configs/" + config + "/data");
            if (holdsVersion) {
                HttpResponse<String> current = http.send(HttpRequest.newBuilder(plain).header("Authorization", "Bearer " + token).build(),
                        HttpResponse.BodyHandlers.ofString());
                String version = current.headers().firstValue("ETag").orElseThrow().replace("\"", "");
                uris.add(URI.create(plain + "?version=" + version));
            } else {
                uris.add(plain);
            }
        }
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger unexpected = new AtomicInteger();
        AtomicLong stopAt = new AtomicLong(System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds));
        int expected = holdsVersion ? 304 : 200;
        List<CompletableFuture<Void>> clients = new ArrayList<>();
        long started = System.nanoTime();
        for (int c = 0; c < CLIENTS; c++) {
            HttpRequest request = HttpRequest.newBuilder(uris.get(c % uris.size())).header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(60)).build();
            CompletableFuture<Void> done = new CompletableFuture<>();
            loop(http, request, expected, latencies, unexpected, stopAt, done);
            clients.add(done);
        }
        CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).get(seconds + 120L, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - started) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        line("read path %s: %d clients, %d requests in %.1f s = %.0f requests/s, p50 %.1f ms, p99 %.1f ms, unexpected answers %d",
                label, CLIENTS, sorted.size(), elapsed, sorted.size() / elapsed,
                percentile(sorted, 50) / 1e6, percentile(sorted, 99) / 1e6, unexpected.get());
    }

    static void loop(HttpClient http, HttpRequest request, int expected, ConcurrentLinkedQueue<Long> latencies, AtomicInteger unexpected,
                     AtomicLong stopAt, CompletableFuture<Void> done) {
        if (System.nanoTime() > stopAt.get()) {
            done.complete(null);
            return;
        }
        long sent = System.nanoTime();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failed) -> {
            latencies.add(System.nanoTime() - sent);
            if (failed != null || response.statusCode() != expected) {
                unexpected.incrementAndGet();
            }
            loop(http, request, expected, latencies, unexpected, stopAt, done);
        });
    }

    static Connection database() throws SQLException {
        return DriverManager.getConnection(System.getProperty("it.db.url"), System.getProperty("it.db.user"), System.getProperty("it.db.password"));
    }

    /** Bench only: the operator's equivalent is a refresh per config. Times are UTC TIMESTAMPs (UtcInstantConverter). */
    static void makeAllDue(long integration, Instant due) throws SQLException {
        try (Connection db = database(); PreparedStatement update = db.prepareStatement("UPDATE pull_job SET next_run_at = ? WHERE integration_id = ?")) {
            update.setObject(1, java.time.LocalDateTime.ofInstant(due, java.time.ZoneOffset.UTC));
            update.setLong(2, integration);
            update.executeUpdate();
        }
    }

    static void awaitRuns(long integration, int jobs, java.time.LocalDateTime since, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try (Connection db = database(); PreparedStatement count = db.prepareStatement(
                    "SELECT COUNT(*) FROM pull_job WHERE integration_id = ? AND last_run_at >= ? AND lease_owner IS NULL")) {
                count.setLong(1, integration);
                count.setObject(2, since);
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    if (rows.getInt(1) >= jobs) {
                        return;
                    }
                }
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the pull engine did not run " + jobs + " jobs within " + timeout);
    }

    static List<Long> lateness(long integration) throws SQLException {
        List<Long> values = new ArrayList<>();
        try (Connection db = database(); PreparedStatement select = db.prepareStatement(
                "SELECT last_lateness_ms FROM pull_job WHERE integration_id = ? ORDER BY last_lateness_ms")) {
            select.setLong(1, integration);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getLong(1));
                }
            }
        }
        return values;
    }

    static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
