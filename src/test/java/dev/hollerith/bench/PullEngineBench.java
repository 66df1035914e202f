package dev.hollerith.bench;

import com.sun.net.httpserver.HttpServer;
import dev.hollerith.testing.Api;
import dev.hollerith.testing.PayaraProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * Not a test: the pull engine benchmark ({@code mvn -Pbench verify -Dit.test=PullEngineBench}, see
 * docs/pull-engine.md). Starts the packaged WAR in its own Payara Micro with default pull and
 * outbound settings, a fake upstream in this JVM (answers 304 to our If-None-Match, like a real
 * API whose data did not change), {@code bench.jobs} widget configs each with its own
 * discriminator, then:
 * <ol>
 * <li><b>burst</b>: every job due at the same instant; how fast they drain (pulls/s), how late
 *     each started (p50/p99 of {@code pull_job.last_lateness_ms}) and the upstream requests that
 *     cost (exactly one per job);</li>
 * <li><b>steady state</b>: the interval set to 60 s and the jobs spread over it at random; after
 *     {@code bench.steady-seconds} the lateness of every job's last run (p50/p99/max), and the
 *     upstream requests against the most the interval allows.</li>
 * </ol>
 */
class PullEngineBench {

    static final int JOBS = Integer.getInteger("bench.jobs", 10_000);
    static final int INTERVAL = 60;
    static final int STEADY_SECONDS = Integer.getInteger("bench.steady-seconds", 75);

    final StringBuilder report = new StringBuilder();

    @Test
    void run() throws Exception {
        LongAdder upstreamRequests = new LongAdder();
        LongAdder upstreamNotModified = new LongAdder();
        HttpServer upstream = WidgetDataBench.fakeUpstream(upstreamRequests, upstreamNotModified);
        String upstreamBase = "http://127.0.0.1:" + upstream.getAddress().getPort();
        PayaraProcess configured = new PayaraProcess()
                .microOptions("--nocluster", "--postbootcommandfile", Path.of("server-config/post-boot.asadmin").toAbsolutePath().toString())
                // the engine's reconcile creates the jobs of the new configs (instead of 10,000 first reads)
                .property("hollerith.pull.reconcile-seconds", "20");
        // -Dbench.server.hollerith.x=y sets a server property, e.g. a per-host connection limit
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("bench.server."))
                .forEach(name -> configured.property(name.substring("bench.server.".length()), System.getProperty(name)));
        try (PayaraProcess server = configured.start()) {
            line("Hollerith pull engine benchmark, %s, %d cores, %s, %d jobs", Instant.now(), Runtime.getRuntime().availableProcessors(),
                    System.getProperty("it.db.url").startsWith("jdbc:postgresql") ? "PostgreSQL" : "H2", JOBS);
            Api admin = server.api().asAdmin();
            String widget = "bench-pull-" + System.nanoTime();
            admin.post("dashboard/widgets", "{\"id\":\"" + widget + "\",\"name\":\"Bench pull\"}").expect(201);
            long integration = admin.post("dashboard/widgets/" + widget + "/integrations", """
                    {"widget_id":"%s","name":"bench","integration_type":"pull","credential_scope":"organization","credential_schema":{},
                     "config_schema":{"city":{"type":"string","required":true}},
                     "pull_endpoint":"%s/weather","pull_interval_seconds":3600,"pull_config":{"query":{"q":"{{config.city}}"},"timeout":5000}}
                    """.formatted(widget, upstreamBase)).expect(201).data().getJsonNumber("id").longValue();
            String org = admin.createOrganization("Bench");

            Instant creating = Instant.now();
            List<String> configs = WidgetDataBench.createConfigs(admin, org, widget, JOBS);
            line("setup: %d widget configs in %.1f s", configs.size(), seconds(creating));
            Instant firstRound = Instant.now();
            awaitUpstream(upstreamRequests, JOBS, Duration.ofMinutes(20));
            awaitRuns(integration, JOBS, LocalDateTime.of(1970, 1, 1, 0, 0), Duration.ofMinutes(20));
            line("first pull of %d new jobs (created by the engine's reconcile): %.1f s", JOBS, seconds(firstRound));
            for (int round = 1; round <= Integer.getInteger("bench.bursts", 1); round++) {
                burst(integration, upstreamRequests, upstreamNotModified);
            }
            steadyState(admin, integration, upstreamRequests);
        } finally {
            upstream.stop(0);
        }
        Path out = Path.of("target", "pull-bench-results.txt");
        Files.writeString(out, report.toString());
        System.out.println("\n" + report + "(also in " + out + ")");
    }

    /** Every job due at one instant. */
    void burst(long integration, LongAdder upstreamRequests, LongAdder upstreamNotModified) throws Exception {
        {
            long before = upstreamRequests.sum();
            long notModifiedBefore = upstreamNotModified.sum();
            Instant due = Instant.now();
            WidgetDataBench.makeAllDue(integration, due);
            awaitUpstream(upstreamRequests, before + JOBS, Duration.ofMinutes(10));
            awaitRuns(integration, JOBS, LocalDateTime.ofInstant(due, ZoneOffset.UTC), Duration.ofMinutes(10));
            double recorded = seconds(due);
            double drained = lastRunSeconds(integration, due);
            List<Long> lateness = WidgetDataBench.lateness(integration);
            line("burst: %d jobs due at once, last one started after %.2f s = %.0f pulls/s (all recorded within %.1f s: upstream counted here, then the database polled every 1 s); "
                            + "lateness p50 %d ms, p99 %d ms, max %d ms",
                    JOBS, drained, JOBS / drained, recorded, WidgetDataBench.percentile(lateness, 50), WidgetDataBench.percentile(lateness, 99),
                    lateness.get(lateness.size() - 1));
            line("burst: upstream requests %d for %d jobs (%d answered 304 to our If-None-Match)",
                    upstreamRequests.sum() - before, JOBS, upstreamNotModified.sum() - notModifiedBefore);
        }
    }

    /** 60 s interval, jobs spread over it at random. */
    void steadyState(Api admin, long integration, LongAdder upstreamRequests) throws Exception {
        {
            admin.patch("dashboard/widget-integrations/" + integration, "{\"pull_interval_seconds\":" + INTERVAL + "}").expect(200);
            Instant steady = Instant.now().plusSeconds(2);
            spreadOverInterval(integration, steady);
            long steadyBefore = upstreamRequests.sum();
            Thread.sleep(Duration.between(Instant.now(), steady).toMillis() + STEADY_SECONDS * 1000L);
            long steadyRequests = upstreamRequests.sum() - steadyBefore;
            List<Long> steadyLateness = latenessSince(integration, steady);
            line("steady state: %d jobs every %d s (spread at random, +0..5%% jitter after each run), %d s observed: %d runs recorded, "
                            + "lateness p50 %d ms, p99 %d ms, max %d ms",
                    JOBS, INTERVAL, STEADY_SECONDS, steadyLateness.size(), WidgetDataBench.percentile(steadyLateness, 50),
                    WidgetDataBench.percentile(steadyLateness, 99), steadyLateness.isEmpty() ? 0 : steadyLateness.get(steadyLateness.size() - 1));
            line("steady state: upstream requests %d in %d s (%.0f/s; %d jobs / %d s = %.0f/s)",
                    steadyRequests, STEADY_SECONDS, steadyRequests / (double) STEADY_SECONDS, JOBS, INTERVAL, JOBS / (double) INTERVAL);
        }
    }

    /**
     * Waits until the fake upstream has seen {@code total} requests: a counter in this JVM, so waiting
     * for the drain costs the server nothing. Only then does {@link #awaitRuns} ask the database
     * whether every run is recorded.
     */
    static void awaitUpstream(LongAdder upstreamRequests, long total, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (upstreamRequests.sum() < total && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
    }

    /**
     * Waits until every job ran since {@code since}, asking once a second: each question scans the
     * schedule inside the server's JVM (H2 serves this JVM from there), and at four a second that was
     * a quarter of the server's CPU samples during a burst. The drain time is read from the runs
     * themselves ({@link #lastRunSeconds}), not from when this noticed.
     */
    static void awaitRuns(long integration, int jobs, LocalDateTime since, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try (Connection db = WidgetDataBench.database(); PreparedStatement count = db.prepareStatement(
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
            Thread.sleep(1000);
        }
        throw new IllegalStateException("the pull engine did not run " + jobs + " jobs within " + timeout);
    }

    void line(String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        report.append(text).append('\n');
        System.out.println(text);
    }

    static double seconds(Instant since) {
        return Duration.between(since, Instant.now()).toMillis() / 1000.0;
    }

    /** From the due instant to the start of the last run: the drain time, free of this benchmark's polling delay. */
    static double lastRunSeconds(long integration, Instant due) throws Exception {
        try (Connection db = WidgetDataBench.database(); PreparedStatement select = db.prepareStatement(
                "SELECT MAX(last_run_at) FROM pull_job WHERE integration_id = ?")) {
            select.setLong(1, integration);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                LocalDateTime last = rows.getObject(1, LocalDateTime.class);
                return Math.max(0.001, Duration.between(LocalDateTime.ofInstant(due, ZoneOffset.UTC), last).toMillis() / 1000.0);
            }
        }
    }

    /** Each job due at a random moment of the next interval after {@code from}. */
    static void spreadOverInterval(long integration, Instant from) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection db = WidgetDataBench.database()) {
            try (PreparedStatement select = db.prepareStatement("SELECT id FROM pull_job WHERE integration_id = ?")) {
                select.setLong(1, integration);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getString(1));
                    }
                }
            }
            db.setAutoCommit(false);
            try (PreparedStatement update = db.prepareStatement("UPDATE pull_job SET next_run_at = ? WHERE id = ?")) {
                for (String id : ids) {
                    Instant due = from.plusMillis(ThreadLocalRandom.current().nextLong(INTERVAL * 1000L));
                    update.setObject(1, LocalDateTime.ofInstant(due, ZoneOffset.UTC));
                    update.setString(2, id);
                    update.addBatch();
                }
                update.executeBatch();
            }
            db.commit();
        }
    }

    static List<Long> latenessSince(long integration, Instant since) throws Exception {
        List<Long> values = new ArrayList<>();
        try (Connection db = WidgetDataBench.database(); PreparedStatement select = db.prepareStatement(
                "SELECT last_lateness_ms FROM pull_job WHERE integration_id = ? AND last_run_at >= ? ORDER BY last_lateness_ms")) {
            select.setLong(1, integration);
            select.setObject(2, LocalDateTime.ofInstant(since, ZoneOffset.UTC));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getLong(1));
                }
            }
        }
        return values;
    }
}
