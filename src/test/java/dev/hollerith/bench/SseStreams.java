package dev.hollerith.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Many server-sent-event streams on one selector thread (the client must not need a thread per
 * stream either): connects them, reads their events, and records when each one saw a version.
 */
final class SseStreams implements AutoCloseable {

    private static final class Stream {
        final SocketChannel channel;
        final StringBuilder line = new StringBuilder();
        boolean headed;
        String status;
        long firstVersion = -1;
        long lastVersion = -1;
        long sawTargetAt;
        boolean closed;

        Stream(SocketChannel channel) {
            this.channel = channel;
        }
    }

    private final Selector selector;
    private final List<Stream> streams = new ArrayList<>();
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
    private volatile long target = Long.MAX_VALUE;

    SseStreams() throws IOException {
        selector = Selector.open();
    }

    /** Opens {@code count} streams, {@code perSecond} at a time, and waits until each has its first event (or gave up). */
    void open(int port, String path, String token, int count, int perSecond, long timeoutMs) throws IOException {
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        long start = System.currentTimeMillis();
        for (int i = 0; i < count; i++) {
            SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
            channel.write(ByteBuffer.wrap(request));
            channel.configureBlocking(false);
            Stream stream = new Stream(channel);
            channel.register(selector, SelectionKey.OP_READ, stream);
            streams.add(stream);
            if (i % 100 == 99) {
                pump(0);
                long due = start + (long) (i + 1) * 1000 / perSecond;
                while (System.currentTimeMillis() < due) {
                    pump(Math.max(1, due - System.currentTimeMillis()));
                }
            }
        }
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline && streams.stream().anyMatch(s -> s.firstVersion < 0 && !s.closed)) {
            pump(100);
        }
    }

    /** From now on, records when each stream sees {@code version} or later. */
    void expect(long version) {
        target = version;
    }

    /** Reads until every open stream has the target version or the time is up. */
    void awaitTarget(long timeoutMs) throws IOException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline && streams.stream().anyMatch(s -> s.sawTargetAt == 0 && !s.closed)) {
            pump(50);
        }
    }

    void pump(long waitMs) throws IOException {
        selector.select(waitMs);
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
            SelectionKey key = keys.next();
            keys.remove();
            Stream stream = (Stream) key.attachment();
            buffer.clear();
            int read;
            try {
                read = stream.channel.read(buffer);
            } catch (IOException reset) {
                read = -1;
            }
            if (read < 0) {
                stream.closed = true;
                key.cancel();
                stream.channel.close();
                continue;
            }
            buffer.flip();
            while (buffer.hasRemaining()) {
                char c = (char) buffer.get();
                if (c == '\n') {
                    line(stream, stream.line.toString().trim());
                    stream.line.setLength(0);
                } else {
                    stream.line.append(c);
                }
            }
        }
    }

    private void line(Stream stream, String line) {
        if (!stream.headed) {
            if (stream.status == null) {
                stream.status = line;
            } else if (line.isEmpty()) {
                stream.headed = true;
            }
            return;
        }
        if (line.startsWith("id:")) {
            long version = Long.parseLong(line.substring(3).trim());
            if (stream.firstVersion < 0) {
                stream.firstVersion = version;
            }
            stream.lastVersion = version;
            if (version >= target && stream.sawTargetAt == 0) {
                stream.sawTargetAt = System.nanoTime();
            }
        }
    }

    int connected() {
        return (int) streams.stream().filter(s -> s.firstVersion >= 0).count();
    }

    /** Status lines other than 200, and streams closed without one, counted. */
    Map<String, Integer> failures() {
        Map<String, Integer> failures = new TreeMap<>();
        for (Stream s : streams) {
            if (s.status == null || !s.status.contains(" 200")) {
                failures.merge(s.status == null ? "no status line" : s.status, 1, Integer::sum);
            } else if (s.closed && s.sawTargetAt == 0) {
                failures.merge("closed", 1, Integer::sum);
            }
        }
        return failures;
    }

    /** Milliseconds from {@code sentAt} until each stream that got the target saw it, sorted. */
    long[] deliveryMillis(long sentAt) {
        return streams.stream().filter(s -> s.sawTargetAt != 0).mapToLong(s -> Math.max(0, (s.sawTargetAt - sentAt) / 1_000_000)).sorted().toArray();
    }

    static long percentile(long[] sorted, double q) {
        return sorted.length == 0 ? -1 : sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))];
    }

    @Override
    public void close() {
        for (Stream stream : streams) {
            try {
                stream.channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
