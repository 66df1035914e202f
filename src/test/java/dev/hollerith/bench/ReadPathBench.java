package dev.hollerith.bench;

import dev.hollerith.bench.bare.BareApplication;
import dev.hollerith.bench.bare.BareHello;
import dev.hollerith.testing.Api;
import dev.hollerith.testing.PayaraProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Not a test: the benchmark of the player read path (issue 12), {@code mvn -Pbench verify
 * -Dit.test=ReadPathBench}, docs/read-path.md. One Payara Micro runs the packaged WAR and, beside
 * it, a bare JAX-RS WAR with one resource (the yardstick): the player 304 and the bare 304 are
 * measured in the same run, on the same server, with the same client, and their ratio printed.
 * Then N server-sent-event streams on one widget config, one webhook, and the time until every
 * stream has the new version; and the server's memory per idle stream.
 * Sizes: {@code -Dbench.connections=64 -Dbench.seconds=10 -Dbench.streams=10000}.
 */
class ReadPathBench {

    static final int CONNECTIONS = Integer.getInteger("bench.connections", 64);
    static final int SECONDS = Integer.getInteger("bench.seconds", 10);
    static final int STREAMS = Integer.getInteger("bench.streams", 10_000);

    final StringBuilder report = new StringBuilder();

    @Test
    void run() throws Exception {
        Path bare = bareWar(Path.of("target", "bench-bare.war").toAbsolutePath());
        try (PayaraProcess server = new PayaraProcess()
                .microOptions("--nocluster", "--deploy", bare + ":/bare",
                        "--postbootcommandfile", Path.of("server-config/post-boot.asadmin").toAbsolutePath().toString())
                .start()) {
            int port = server.url().getPort();
            line("Hollerith read path benchmark, %s, %d cores, load average %s", Instant.now(),
                    Runtime.getRuntime().availableProcessors(), loadAverage());
            Api admin = server.api().asAdmin();
            String widget = "bench-read-" + UUID.randomUUID().toString().substring(0, 8);
            admin.post("dashboard/widgets", "{\"id\":\"" + widget + "\",\"name\":\"Bench read\"}").expect(201);
            long integration = admin.post("dashboard/widgets/" + widget + "/integrations", """
                    {"widget_id": "%s", "name": "open", "integration_type": "push", "credential_scope": "widget", "credential_schema": {}}
                    """.formatted(widget)).expect(201).data().getJsonNumber("id").longValue();
            String org = admin.createOrganization("Bench read");
            String player = admin.createKey(org, "player");
            String config = admin.post("dashboard/organizations/" + org + "/widget-configs",
                    "{\"widget_id\":\"" + widget + "\",\"name\":\"screen\",\"options\":{}}").expect(201).data().getString("id");
            String hook = "webhooks/widgets/" + integration + "/" + config;
            long version = admin.anonymous().post(hook, "{\"data\":{\"n\":0}}").expect(200).json().getJsonNumber("version").longValue();

            String poll = "/dashboard/widget-configs/" + config + "/data?version=" + version;
            List<String> auth = List.of("Authorization: Bearer " + player);
            List<String> bareHeaders = List.of("If-None-Match: \"7\"");
            Duration warm = Duration.ofSeconds(Math.max(3, SECONDS / 2));
            for (int round = 0; round < 2; round++) {
                KeepAliveLoad.run("warm-up", port, poll, auth, 304, CONNECTIONS, warm);
                KeepAliveLoad.run("warm-up", port, "/bare/hello", bareHeaders, 304, CONNECTIONS, warm);
            }
            Duration measure = Duration.ofSeconds(SECONDS);
            KeepAliveLoad.Result app = KeepAliveLoad.run("player 304 (authenticated, ?version= current)", port, poll, auth, 304, CONNECTIONS, measure);
            KeepAliveLoad.Result yardstick = KeepAliveLoad.run("bare JAX-RS 304, same server", port, "/bare/hello", bareHeaders, 304, CONNECTIONS, measure);
            KeepAliveLoad.Result body = KeepAliveLoad.run("player 200 (no version: the data's bytes)", port,
                    "/dashboard/widget-configs/" + config + "/data", auth, 200, CONNECTIONS, measure);
            line("%d keep-alive connections, %d s each:", CONNECTIONS, SECONDS);
            line("  %s", app);
            line("  %s", yardstick);
            line("  %s", body);
            line("ratio player 304 / bare 304 = %.2f (goal >= 0.60); p99 ratio %.2f (goal <= 1.5)",
                    app.perSecond() / yardstick.perSecond(), app.p99Ms() / yardstick.p99Ms());

            sseFanOut(server, port, player, config, hook);
        }
        Path out = Path.of("target", "bench-read-path.txt");
        Files.writeString(out, report.toString());
        System.out.println("\n" + report + "(also in " + out + ")");
    }

    void sseFanOut(PayaraProcess server, int port, String player, String config, String hook) throws Exception {
        Optional<ProcessHandle> jvm = serverJvm(port);
        long rssBefore = jvm.map(ReadPathBench::rssAfterGc).orElse(-1L);
        long heapBefore = jvm.map(ReadPathBench::heapUsed).orElse(-1L);
        try (SseStreams streams = new SseStreams()) {
            long opening = System.nanoTime();
            streams.open(port, "/dashboard/widget-configs/" + config + "/events", player, STREAMS, 1000, 120_000);
            line("SSE: %d streams asked, %d connected (first event received) in %.1f s; failures %s", STREAMS, streams.connected(),
                    (System.nanoTime() - opening) / 1e9, streams.failures());
            long rssIdle = jvm.map(ReadPathBench::rssAfterGc).orElse(-1L);
            long heapIdle = jvm.map(ReadPathBench::heapUsed).orElse(-1L);
            if (rssBefore > 0 && rssIdle > 0 && streams.connected() > 0) {
                line("SSE memory per idle stream: heap in use after a full GC %d MB before, %d MB with the streams open = %.1f KB per stream; "
                                + "process RSS %d MB before, %d MB after = %.1f KB per stream",
                        heapBefore / 1024, heapIdle / 1024, (heapIdle - heapBefore) / (double) streams.connected(),
                        rssBefore / 1024, rssIdle / 1024, (rssIdle - rssBefore) / (double) streams.connected());
            }
            for (int i = 0; i < 20; i++) {
                streams.pump(10); // drain whatever the connects left unread
            }
            long sentAt = System.nanoTime();
            long version = server.api().anonymous().post(hook, "{\"data\":{\"n\":1}}").expect(200).json().getJsonNumber("version").longValue();
            streams.expect(version);
            streams.awaitTarget(30_000);
            long[] delivery = streams.deliveryMillis(sentAt);
            line("SSE: version %d reached %d of %d streams; from the webhook's send: p50 %d ms, p99 %d ms, max %d ms (goal: all, p99 < 1000 ms); failures %s",
                    version, delivery.length, streams.connected(), SseStreams.percentile(delivery, 0.5), SseStreams.percentile(delivery, 0.99),
                    SseStreams.percentile(delivery, 1.0), streams.failures());
        }
    }

    /** The yardstick WAR: the two classes of {@code bench.bare} from the test classes, nothing else. */
    static Path bareWar(Path war) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(war))) {
            for (Class<?> type : List.of(BareApplication.class, BareHello.class)) {
                String entry = "WEB-INF/classes/" + type.getName().replace('.', '/') + ".class";
                zip.putNextEntry(new ZipEntry(entry));
                try (var in = type.getClassLoader().getResourceAsStream(type.getName().replace('.', '/') + ".class")) {
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
        }
        return war;
    }

    void line(String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        report.append(text).append('\n');
        System.out.println(text);
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    static Optional<ProcessHandle> serverJvm(int port) {
        String flag = "--port " + port;
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(flag) && c.contains("payara-micro")).orElse(false))
                .findFirst();
    }

    /** Heap in use in KB, right after the full GC of {@link #rssAfterGc} (sum of the generations' "used"). */
    static long heapUsed(ProcessHandle jvm) {
        try {
            Process info = new ProcessBuilder("jcmd", Long.toString(jvm.pid()), "GC.heap_info").redirectErrorStream(true).start();
            String text = new String(info.getInputStream().readAllBytes());
            info.waitFor(60, TimeUnit.SECONDS);
            long used = 0;
            for (String line : text.split("\n")) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("generation\\s+total \\d+K, used (\\d+)K").matcher(line);
                if (m.find()) {
                    used += Long.parseLong(m.group(1));
                }
            }
            return used;
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Resident set in KB after a full GC of the server (so garbage does not count as memory per stream). */
    static long rssAfterGc(ProcessHandle jvm) {
        try {
            Process gc = new ProcessBuilder("jcmd", Long.toString(jvm.pid()), "GC.run").redirectErrorStream(true).start();
            gc.getInputStream().readAllBytes();
            gc.waitFor(60, TimeUnit.SECONDS);
            for (String line : Files.readAllLines(Path.of("/proc/" + jvm.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return -1;
    }
}
