package dev.hollerith.cluster;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A small closed-loop load generator for figures in the README: {@code threads} clients send the
 * same GET back to back for {@code duration}, spread round-robin over the instances, each on its
 * own keep-alive connection. Bounded in time; the figures are printed, never asserted (they depend
 * on the machine, which here also runs the client).
 */
final class LoadGenerator {

    record Result(long requests, long failures, Duration elapsed) {
        double perSecond() {
            return requests * 1000.0 / Math.max(1, elapsed.toMillis());
        }
    }

    private LoadGenerator() {
    }

    static Result run(List<URL> instances, String bearerToken, String path, int threads, Duration duration) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        List<Future<long[]>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            URI target = URI.create(instances.get(t % instances.size()) + path);
            workers.add(pool.submit(() -> {
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5)).build();
                HttpRequest request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + bearerToken).GET().build();
                long ok = 0;
                long failed = 0;
                while (System.nanoTime() < end) {
                    try {
                        if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                            ok++;
                        } else {
                            failed++;
                        }
                    } catch (Exception e) {
                        failed++;
                    }
                }
                return new long[] {ok, failed};
            }));
        }
        long ok = 0;
        long failed = 0;
        for (Future<long[]> worker : workers) {
            try {
                long[] counts = worker.get();
                ok += counts[0];
                failed += counts[1];
            } catch (Exception e) {
                failed++;
            }
        }
        pool.shutdownNow();
        return new Result(ok, failed, Duration.ofNanos(System.nanoTime() - start));
    }
}
