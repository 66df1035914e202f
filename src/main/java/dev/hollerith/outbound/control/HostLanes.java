package dev.hollerith.outbound.control;

import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * At most {@code perHost} exchanges in flight per origin; the rest wait here, in order, without a
 * thread. Waiting here rather than in the connection pool matters: a pool waiter's deadline runs
 * while it waits, so a burst of requests to one slow host would time out in the queue, and would
 * hold every place of the caller meanwhile. A lane disappears when it is idle.
 */
final class HostLanes {

    private final int perHost;
    private final Executor starter;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();

    /** @param starter runs exchanges that waited (never the I/O thread whose exchange just ended) */
    HostLanes(int perHost, Executor starter) {
        this.perHost = Math.max(1, perHost);
        this.starter = starter;
    }

    static String origin(java.net.URI uri) {
        return (uri.getScheme() + "://" + uri.getRawAuthority()).toLowerCase(Locale.ROOT);
    }

    /** Runs {@code exchange} now if the origin has room, else when an exchange of the origin ends ({@link #finished}). */
    void submit(String origin, Runnable exchange) {
        boolean now = false;
        Lane lane = lanes.computeIfAbsent(origin, key -> new Lane());
        synchronized (lane) {
            if (lane.retired) {
                // removed between lookup and lock: take a fresh one
                submit(origin, exchange);
                return;
            }
            if (lane.inFlight < perHost) {
                lane.inFlight++;
                now = true;
            } else {
                lane.waiting.add(exchange);
            }
        }
        if (now) {
            exchange.run();
        }
    }

    /** Takes a waiting exchange off the lane (its deadline passed before it started). @return whether it was still waiting */
    boolean withdraw(String origin, Runnable exchange) {
        Lane lane = lanes.get(origin);
        if (lane == null) {
            return false;
        }
        synchronized (lane) {
            return lane.waiting.remove(exchange);
        }
    }

    /** An exchange of the origin ended: the next waiting one starts. */
    void finished(String origin) {
        Lane lane = lanes.get(origin);
        if (lane == null) {
            return;
        }
        Runnable next;
        synchronized (lane) {
            next = lane.waiting.poll();
            if (next == null) {
                lane.inFlight--;
                if (lane.inFlight <= 0) {
                    lane.retired = true;
                    lanes.remove(origin, lane);
                }
            }
        }
        if (next != null) {
            starter.execute(next);
        }
    }

    int waiting(String origin) {
        Lane lane = lanes.get(origin);
        if (lane == null) {
            return 0;
        }
        synchronized (lane) {
            return lane.waiting.size();
        }
    }

    private static final class Lane {
        int inFlight;
        boolean retired;
        final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    }
}
