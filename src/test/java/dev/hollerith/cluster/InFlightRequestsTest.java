package dev.hollerith.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hollerith.platform.control.InFlightRequests;
import java.lang.reflect.Constructor;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The counting behind the graceful shutdown: running requests finish, new ones are refused. */
class InFlightRequestsTest {

    private static InFlightRequests fresh() throws ReflectiveOperationException {
        Constructor<InFlightRequests> constructor = InFlightRequests.class.getDeclaredConstructor();
        constructor.setAccessible(true);
        return constructor.newInstance();
    }

    @Test
    void drainWaitsForTheRequestsInFlightAndRefusesNewOnes() throws Exception {
        InFlightRequests requests = fresh();
        assertTrue(requests.enter());
        assertTrue(requests.enter());
        CompletableFuture<Integer> drained = CompletableFuture.supplyAsync(() -> requests.drain(Duration.ofSeconds(10)));
        while (!requests.isDraining()) {
            Thread.onSpinWait();
        }
        assertFalse(requests.enter(), "a new request is turned away while draining");
        requests.leave();
        Thread.sleep(100);
        assertFalse(drained.isDone(), "one request is still running");
        requests.leave();
        assertEquals(0, drained.get(5, TimeUnit.SECONDS));
    }

    @Test
    void drainGivesUpAfterItsTimeoutAndSaysHowManyAreLeft() throws Exception {
        InFlightRequests requests = fresh();
        requests.enter();
        long start = System.nanoTime();
        assertEquals(1, requests.drain(Duration.ofMillis(200)));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(200));
    }
}
