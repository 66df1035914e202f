package dev.hollerith.platform.control;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * A graceful stop on SIGTERM. Payara Micro's own shutdown hook stops the server's services
 * (pools, EJB container) before it undeploys the application, so requests still running at that
 * moment fail and {@code @PreDestroy} code finds no database. This bean takes SIGTERM first: it
 * turns new requests away (503, readiness DOWN), waits for the requests in flight
 * ({@code hollerith.shutdown.drain-seconds}), lets components hand back what they hold
 * ({@link InstanceStopping}), and only then lets the JVM's usual SIGTERM handling run Payara's
 * shutdown. {@code hollerith.shutdown.drain-seconds=0} leaves SIGTERM to the server.
 */
@ApplicationScoped
public class GracefulShutdown {

    private static final Logger LOG = Logger.getLogger(GracefulShutdown.class.getName());
    private static final Signal TERM = new Signal("TERM");

    @Inject
    @ConfigProperty(name = "hollerith.shutdown.drain-seconds", defaultValue = "30")
    long drainSeconds;

    @Inject
    Event<InstanceStopping> stopping;

    @Resource
    ManagedExecutorService executor;

    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private SignalHandler previous;

    void install(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (drainSeconds <= 0) {
            return;
        }
        try {
            previous = Signal.handle(TERM, signal -> {
                if (stopRequested.compareAndSet(false, true)) { // a second SIGTERM does not start a second drain
                    executor.execute(() -> stop(signal));
                }
            });
            LOG.info(() -> "Graceful shutdown on SIGTERM: requests in flight get up to " + drainSeconds + " s");
        } catch (IllegalArgumentException | LinkageError e) {
            LOG.log(Level.WARNING, "SIGTERM cannot be intercepted here; requests in flight may be cut off at shutdown", e);
        }
    }

    @PreDestroy
    void uninstall() {
        if (previous != null) {
            Signal.handle(TERM, previous);
        }
    }

    private void stop(Signal signal) {
        InFlightRequests requests = InFlightRequests.get();
        LOG.info(() -> "SIGTERM: refusing new requests, waiting for " + requests.active() + " in flight");
        int left = requests.drain(Duration.ofSeconds(drainSeconds));
        if (left > 0) {
            LOG.warning(() -> left + " request(s) still running after " + drainSeconds + " s; stopping anyway");
        }
        try {
            stopping.fire(new InstanceStopping("SIGTERM"));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "A component failed to hand back its work before the stop", e);
        }
        LOG.info("SIGTERM: drained; stopping the server");
        SignalHandler next = previous;
        // not on this managed thread: the server's shutdown waits for its managed tasks to end
        Thread exit = new Thread(() -> {
            if (next != null && next != SignalHandler.SIG_DFL && next != SignalHandler.SIG_IGN) {
                next.handle(signal); // the JVM's own: System.exit(143), which runs Payara's shutdown hook
            } else {
                System.exit(128 + signal.getNumber());
            }
        }, "hollerith-shutdown");
        exit.start();
    }
}
