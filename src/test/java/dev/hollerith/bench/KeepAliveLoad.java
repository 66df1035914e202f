package dev.hollerith.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A closed-loop HTTP/1.1 load generator on raw keep-alive sockets (as wrk does): {@code connections}
 * clients send one GET after the other for {@code duration}. A plain socket costs the client far
 * less CPU than an HTTP client library, which matters when client and server share two cores.
 */
final class KeepAliveLoad {

    record Result(String label, long requests, long unexpected, double perSecond, double p50Ms, double p99Ms) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: %.0f req/s, p50 %.1f ms, p99 %.1f ms (%d requests, %d unexpected answers)",
                    label, perSecond, p50Ms, p99Ms, requests, unexpected);
        }
    }

    private KeepAliveLoad() {
    }

    static Result run(String label, int port, String pathAndQuery, List<String> headers, int expectedStatus, int connections, Duration duration)
            throws Exception {
        StringBuilder head = new StringBuilder("GET ").append(pathAndQuery).append(" HTTP/1.1\r\nHost: 127.0.0.1:").append(port).append("\r\n");
        headers.forEach(h -> head.append(h).append("\r\n"));
        byte[] request = head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        long end = System.nanoTime() + duration.toNanos();
        long start = System.nanoTime();
        List<Future<long[]>> workers = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            workers.add(pool.submit(() -> client(port, request, expectedStatus, end)));
        }
        long requests = 0;
        long unexpected = 0;
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> worker : workers) {
            long[] latencies = worker.get();
            unexpected += latencies[0];
            all.add(latencies);
            requests += latencies.length - 1;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdownNow();
        long[] merged = new long[(int) requests];
        int at = 0;
        for (long[] latencies : all) {
            System.arraycopy(latencies, 1, merged, at, latencies.length - 1);
            at += latencies.length - 1;
        }
        Arrays.sort(merged);
        return new Result(label, requests, unexpected, requests / seconds, percentile(merged, 0.50), percentile(merged, 0.99));
    }

    private static double percentile(long[] sorted, double q) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))] / 1e6;
    }

    /** Element 0: answers with another status; then one latency (ns) per request. */
    private static long[] client(int port, byte[] request, int expectedStatus, long end) throws IOException {
        long[] latencies = new long[1 << 16];
        int n = 1;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream(), 16_384);
            byte[] buffer = new byte[16_384];
            while (System.nanoTime() < end) {
                long sent = System.nanoTime();
                out.write(request);
                int status = readResponse(in, buffer);
                if (status < 0) {
                    break;
                }
                if (status != expectedStatus) {
                    latencies[0]++;
                }
                if (n == latencies.length) {
                    latencies = Arrays.copyOf(latencies, n * 2);
                }
                latencies[n++] = System.nanoTime() - sent;
            }
        }
        return Arrays.copyOf(latencies, n);
    }

    /** Reads one response (Content-Length bodies only, as both endpoints send); returns its status, -1 at end of stream. */
    private static int readResponse(InputStream in, byte[] buffer) throws IOException {
        StringBuilder head = new StringBuilder();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return -1;
            }
            head.append((char) b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString();
        int status = Integer.parseInt(text.substring(9, 12));
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        while (length > 0) {
            int read = in.read(buffer, 0, Math.min(buffer.length, length));
            if (read < 0) {
                return -1;
            }
            length -= read;
        }
        return status;
    }
}
