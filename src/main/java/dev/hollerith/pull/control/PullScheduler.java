package dev.hollerith.pull.control;

import dev.hollerith.platform.control.InstanceStopping;
import dev.hollerith.widgetdata.control.DataBound;
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
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The tick of the pull engine. EJB timers on Payara Micro are per instance and never coordinated,
 * so the timer is non-persistent and only asks the database for due jobs; the lease decides who
 * runs what.
 *
 * <p>Jobs are leased a little ahead of their due time ({@code hollerith.pull.lookahead-ms}) and
 * each is started at its due time, so a job is not late by up to a tick. Up to
 * {@code hollerith.pull.concurrency} leased jobs are held at once; their requests are in flight on
 * the non-blocking outbound client, not on a thread each. Outcomes are recorded by one writer, all
 * those that finished meanwhile in one transaction; a recorded job frees its place and the next due
 * jobs are leased at once (a backlog drains without waiting for the next tick).
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

    @EJB
    PullOutcomes outcomes;

    @Inject
    PullRunner runner;

    @Inject
    PullSettings settings;

    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean drainAgain = new AtomicBoolean();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicBoolean reconciling = new AtomicBoolean();
    private final Set<LeasedJob> running = ConcurrentHashMap.newKeySet();
    private final Queue<PullRunner.Completion> completed = new ConcurrentLinkedQueue<>();
    private volatile boolean stopping;
    private final String owner = ownerName();
    private ExecutorService workers;
    private ScheduledExecutorService starts;
    private Semaphore free;
    private volatile Instant nextReconcile = Instant.now();

    @PostConstruct
    void start() {
        // one drains (leases, prepares), one records outcomes, one reconciles; a fourth keeps kicks from queueing behind them
        workers = Executors.newFixedThreadPool(4, threadFactory);
        starts = Executors.newSingleThreadScheduledExecutor(threadFactory);
        free = new Semaphore(settings.concurrency());
        if (settings.enabled()) {
            long tick = settings.tick().toMillis();
            timers.createIntervalTimer(tick, tick, new TimerConfig("hollerith-pull-tick", false));
            LOG.info(() -> "Pull engine " + owner + ": tick " + tick + " ms, lookahead " + settings.lookahead().toMillis() + " ms, "
                    + settings.concurrency() + " pulls at once");
        } else {
            LOG.info("Pull engine disabled (hollerith.pull.enabled=false)");
        }
    }

    /**
     * The instance is stopping (SIGTERM, see platform GracefulShutdown) while the database still
     * works: lease nothing more, start nothing more, let the pulls in flight finish (up to the
     * default pull timeout), and hand back the leases of those that did not, due at once (or at
     * their due time, if not started yet), so another instance runs them now instead of after the
     * lease expires.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void handBackLeases(@Observes InstanceStopping stop) {
        stopping = true;
        timers.getTimers().forEach(Timer::cancel);
        starts.shutdownNow();
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
        Instant now = Instant.now();
        for (LeasedJob job : List.copyOf(running)) {
            try {
                jobs.release(job, job.dueAt().isAfter(now) ? job.dueAt() : now);
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
        starts.shutdownNow();
        workers.shutdownNow();
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void onTick(Timer timer) {
        // reconcile reads every widget config of every pull integration: never on the tick's own thread
        if (!stopping && !Instant.now().isBefore(nextReconcile) && reconciling.compareAndSet(false, true)) {
            workers.execute(() -> {
                try {
                    reconcileWhenDue();
                } finally {
                    reconciling.set(false);
                }
            });
        }
        drain();
    }

    /** Runs due jobs now (refresh): on a worker thread, so the caller returns at once. */
    public void kick() {
        if (!stopping) {
            workers.execute(this::drain);
        }
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

    /**
     * Leases jobs due within the lookahead while there is room and there are such jobs, prepares
     * them in one go and starts each at its due time. Never runs twice at once on one instance; a
     * call that finds it running makes it look once more before it ends.
     */
    void drain() {
        if (stopping) {
            return;
        }
        drainAgain.set(true);
        while (drainAgain.get() && !stopping && draining.compareAndSet(false, true)) {
            drainAgain.set(false);
            try {
                leaseAndStart();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Pull tick failed: {0}", e.toString());
            } finally {
                draining.set(false);
            }
        }
    }

    private void leaseAndStart() {
        int available = free.availablePermits();
        // A lease and the prepare of its batch cost a few statements whatever their size. While
        // plenty of leased jobs are in hand (waiting for their host or their due time), each
        // recorded one kicks this again: wait for a chunk of room rather than lease a few at a time.
        int chunk = Math.max(1, settings.concurrency() / 8);
        if (available < chunk && running.size() >= chunk) {
            return;
        }
        while (available > 0 && !stopping) {
            List<LeasedJob> leased = jobs.lease(owner, available, settings.lease(), Instant.now().plus(settings.lookahead()));
            if (leased.isEmpty()) {
                return;
            }
            free.acquireUninterruptibly(leased.size());
            running.addAll(leased);
            List<PullRunner.Attempt> attempts;
            try {
                attempts = runner.prepare(leased);
            } catch (RuntimeException e) {
                // nothing was started: give the leases back, due as they were
                for (LeasedJob job : leased) {
                    jobs.release(job, job.dueAt());
                    done(job);
                }
                throw e;
            }
            Set<LeasedJob> prepared = new java.util.HashSet<>();
            for (PullRunner.Attempt attempt : attempts) {
                prepared.add(attempt.job());
                long delayMs = Duration.between(Instant.now(), attempt.job().dueAt()).toMillis();
                if (delayMs > 1) {
                    starts.schedule(() -> send(attempt), delayMs, TimeUnit.MILLISECONDS);
                } else {
                    send(attempt);
                }
            }
            // jobs that prepare deleted (integration or config gone) hold no place any more
            for (LeasedJob job : leased) {
                if (!prepared.contains(job)) {
                    done(job);
                }
            }
            if (leased.size() < available) {
                return;
            }
            available = free.availablePermits();
        }
    }

    private void send(PullRunner.Attempt attempt) {
        CompletableFuture<PullRunner.Completion> sent;
        try {
            sent = runner.start(attempt);
        } catch (RuntimeException e) {
            sent = CompletableFuture.completedFuture(new PullRunner.Completion(attempt, null, e, Instant.now()));
        }
        sent.whenComplete((completion, failure) -> {
            completed.add(completion != null ? completion : new PullRunner.Completion(attempt, null, failure, Instant.now()));
            if (writing.compareAndSet(false, true)) {
                workers.execute(this::record);
            }
        });
    }

    /** Records every completed run in batches, one transaction each; frees their places and leases more. */
    private void record() {
        try {
            while (!completed.isEmpty()) {
                List<PullOutcome> batch = new ArrayList<>();
                for (PullRunner.Completion done; batch.size() < settings.recordBatch() && (done = completed.poll()) != null; ) {
                    batch.add(runner.conclude(done));
                }
                write(batch);
                batch.forEach(outcome -> done(outcome.job()));
                kick();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Recording pull outcomes failed: {0}", e.toString());
        } finally {
            writing.set(false);
        }
        if (!completed.isEmpty() && writing.compareAndSet(false, true)) {
            workers.execute(this::record);
        }
    }

    private void write(List<PullOutcome> batch) {
        try {
            outcomes.recordAll(batch);
        } catch (RuntimeException shared) {
            // one bad outcome must not undo the others: each on its own
            for (PullOutcome outcome : batch) {
                try {
                    outcomes.record(outcome);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Recording the outcome of pull job " + outcome.job().id() + " failed: {0}", e.toString());
                }
            }
        }
    }

    private void done(LeasedJob job) {
        if (running.remove(job)) {
            free.release();
        }
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
