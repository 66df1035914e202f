package dev.hollerith.platform.control;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts the requests being served, so that a shutdown can wait for them to be answered (a
 * webhook half-way through its transaction is answered, not cut off) while new ones are turned
 * away. One per application: a static holder, because the servlet filter that counts is created
 * by the web container, not by CDI.
 */
public final class InFlightRequests {

    private static final InFlightRequests INSTANCE = new InFlightRequests();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private int active;
    private boolean draining;

    InFlightRequests() {
    }

    public static InFlightRequests get() {
        return INSTANCE;
    }

    /** Admits a request, or refuses it ({@code false}) once the instance is draining. */
    public boolean enter() {
        lock.lock();
        try {
            if (draining) {
                return false;
            }
            active++;
            return true;
        } finally {
            lock.unlock();
        }
    }

    public void leave() {
        lock.lock();
        try {
            active--;
            if (active <= 0) {
                idle.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    public boolean isDraining() {
        lock.lock();
        try {
            return draining;
        } finally {
            lock.unlock();
        }
    }

    /** Refuses new requests from now on and waits up to {@code timeout}; returns how many are still running. */
    public int drain(Duration timeout) {
        lock.lock();
        try {
            draining = true;
            long remaining = timeout.toNanos();
            while (active > 0 && remaining > 0) {
                remaining = idle.awaitNanos(remaining);
            }
            return active;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return active;
        } finally {
            lock.unlock();
        }
    }

    public int active() {
        lock.lock();
        try {
            return active;
        } finally {
            lock.unlock();
        }
    }
}
