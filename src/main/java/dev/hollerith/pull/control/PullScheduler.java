package dev.hollerith.pull.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import dev.hollerith.platform.control.InstanceStopping;
import dev.hollerith.widgetdata.control.DataBound;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The tick of the pull engine. EJB timers on Payara Micro are per instance and never coordinated,
 * so the timer is non-persistent and only asks the database for due jobs; the lease decides who
 * runs what. Runs happen on a bounded pool of managed threads ({@code hollerith.pull.concurrency}),
 * and only as many jobs are leased as there are free workers, so no lease waits in a queue.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class PullScheduler {

    private static final Logger LOG = Logger.getLogger(PullScheduler.class.getName());

    @Resource
    TimerService timers;

    @Resource
    ManagedThreadFactory threadFactory;

    @EJB
    PullJobs jobs;

    @Inject
    PullRunner runner;

    @Inject
    PullSettings settings;

    private final AtomicBoolean ticking = new AtomicBoolean();
    private final Set<LeasedJob> running = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;
    private final String owner = ownerName();
    private ExecutorService workers;
    private Semaphore free;
    private volatile Instant nextReconcile = Instant.now();

    @PostConstruct
    void start() {
        workers = Executors.newFixedThreadPool(settings.concurrency(), threadFactory);
        free = new Semaphore(settings.concurrency());
        if (settings.enabled()) {
            long tick = settings.tick().toMillis();
            timers.createIntervalTimer(tick, tick, new TimerConfig("hollerith-pull-tick", false));
            LOG.info(() -> "Pull engine " + owner + ": tick " + tick + " ms, " + settings.concurrency() + " concurrent pulls");
        } else {
            LOG.info("Pull engine disabled (hollerith.pull.enabled=false)");
        }
    }

    /**
     * The instance is stopping (SIGTERM, see platform GracefulShutdown) while the database still
     * works: lease nothing more, let the pulls in flight finish (up to the default pull timeout),
     * and hand back the leases of those that did not, due at once, so another instance runs them
     * now instead of after the lease expires.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void handBackLeases(@Observes InstanceStopping stop) {
        stopping = true;
        timers.getTimers().forEach(Timer::cancel);
        long deadline = System.nanoTime() + settings.defaultTimeout().toNanos();
        while (!running.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        int handedBack = 0;
        for (LeasedJob job : List.copyOf(running)) {
            try {
                jobs.release(job, Instant.now());
                handedBack++;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not hand back the lease of pull job " + job.id() + ": {0}", e.toString());
            }
        }
        int released = handedBack;
        LOG.info(() -> "Pull engine " + owner + " stopped; " + released + " lease(s) of unfinished pulls handed back");
    }

    @PreDestroy
    void stop() {
        stopping = true;
        timers.getTimers().forEach(Timer::cancel);
        workers.shutdownNow();
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void onTick(Timer timer) {
        reconcileWhenDue();
        drain();
    }

    /** Runs due jobs now (refresh): on a worker thread, so the caller returns at once. */
    public void kick() {
        workers.execute(this::drain);
    }

    /** A refresh committed: run it now rather than at the next tick. */
    public void onRefresh(@Observes(during = TransactionPhase.AFTER_SUCCESS) RefreshQueued refresh) {
        kick();
    }

    /** A widget config was read: a config whose data is not being fetched yet gets its job and a first fetch now. */
    public void onDataBound(@Observes DataBound bound) {
        if (jobs.ensure(bound.integration(), bound.config())) {
            kick();
        }
    }

    public String owner() {
        return owner;
    }

    /** Leases and starts due jobs while there are free workers and due jobs. Never runs twice at once on one instance. */
    void drain() {
        if (stopping || !ticking.compareAndSet(false, true)) {
            return;
        }
        boolean backlog = false;
        try {
            int available = free.availablePermits();
            while (available > 0) {
                List<LeasedJob> leased = jobs.lease(owner, available, settings.lease());
                for (LeasedJob job : leased) {
                    free.acquireUninterruptibly();
                    running.add(job);
                    workers.execute(() -> runAndRelease(job));
                }
                if (leased.size() < available) {
                    break;
                }
                backlog = true;
                available = free.availablePermits();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Pull tick failed: {0}", e.toString());
        } finally {
            ticking.set(false);
        }
        if (backlog) {
            LOG.log(Level.FINE, "pull backlog: all workers busy");
        }
    }

    private void runAndRelease(LeasedJob job) {
        try {
            runner.run(job);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Pull job " + job.id() + " failed", e);
        } finally {
            running.remove(job);
            free.release();
        }
        // a worker came free: more due jobs may be waiting (a backlog drains without waiting for the next tick)
        drain();
    }

    private void reconcileWhenDue() {
        Instant now = Instant.now();
        if (now.isBefore(nextReconcile)) {
            return;
        }
        nextReconcile = now.plus(settings.reconcile());
        try {
            int created = jobs.reconcile();
            if (created > 0) {
                LOG.info(() -> "Pull engine created " + created + " missing pull jobs");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Reconciling pull jobs failed: {0}", e.toString());
        }
    }

    private static String ownerName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception unknown) {
            host = "instance";
        }
        String name = host + ":" + ProcessHandle.current().pid() + ":" + UUID.randomUUID().toString().substring(0, 8);
        return name.length() > 100 ? name.substring(name.length() - 100) : name;
    }

}
