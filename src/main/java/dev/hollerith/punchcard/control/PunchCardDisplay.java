package dev.hollerith.punchcard.control;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import dev.hollerith.punchcard.entity.PunchMessage;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The punch card: owns the one pi4j {@link Context}, the queue of message ids and the one worker
 * that punches them, one at a time, in the order they were stored. The queue holds ids only; the
 * messages themselves are in the database before they are queued, and on start every message not
 * yet displayed is queued again, so a restart (or a crash) loses nothing.
 */
@ApplicationScoped
public class PunchCardDisplay {

    private static final Logger LOG = Logger.getLogger(PunchCardDisplay.class.getName());

    @Inject
    PunchMessages messages;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    @ConfigProperty(name = "hollerith.punchcard.hardware", defaultValue = "auto")
    String hardwareMode;

    @Inject
    @ConfigProperty(name = "hollerith.punchcard.column-delay-ms", defaultValue = "20")
    long columnDelayMillis;

    @Inject
    @ConfigProperty(name = "hollerith.punchcard.hold-ms", defaultValue = "3000")
    long holdMillis;

    @Inject
    @ConfigProperty(name = "hollerith.punchcard.retry-ms", defaultValue = "5000")
    long retryMillis;

    @Inject
    @ConfigProperty(name = "hollerith.punchcard.pin.data", defaultValue = "17")
    int dataPin;

    @Inject
    @ConfigProperty(name = "hollerith.punchcard.pin.clock", defaultValue = "27")
    int clockPin;

    @Inject
    @ConfigProperty(name = "hollerith.punchcard.pin.latch", defaultValue = "22")
    int latchPin;

    final LinkedBlockingDeque<Long> queue = new LinkedBlockingDeque<>();
    private volatile DisplayStatus status = DisplayStatus.initial();
    private volatile CardSink sink;
    private volatile Context pi4j;
    private volatile boolean running;
    /** Claimed by this display, but the database did not hear how it ended: resume it. */
    private Long unfinished;
    private ExecutorService worker;

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        sink = openHardware();
        try {
            List<Long> pending = messages.requeuePending();
            queue.addAll(pending);
            if (!pending.isEmpty()) {
                LOG.info(() -> "Punch card: " + pending.size() + " message(s) from before the start queued again");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Punch card: could not read the pending messages; they stay stored and are queued at the next start", e);
        }
        running = true;
        worker = Executors.newSingleThreadExecutor(threads);
        worker.submit(this::work);
    }

    /** Call after the message is committed: the worker may read it at once. */
    public void enqueue(long id) {
        queue.addLast(id);
    }

    public DisplayStatus status() {
        return status;
    }

    public int queueLength() {
        return queue.size();
    }

    /** {@code gpio} or {@code mock}; {@code gpio} also while configured GPIO cannot be opened (then the display is in fault). */
    public String hardware() {
        CardSink current = sink;
        return current != null ? current.hardware() : "gpio";
    }

    private void work() {
        while (running) {
            try {
                Long id = queue.poll(1, TimeUnit.SECONDS);
                if (id != null) {
                    displayOne(id);
                }
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // e.g. the database is down: the message is still stored and queued, try again later
                LOG.log(Level.WARNING, "Punch card: a message could not be displayed now, retrying in " + retryMillis + " ms", e);
                if (!pause(retryMillis)) {
                    return;
                }
            }
        }
    }

    /** Punches one message; on a hardware fault it is marked failed and put back first in line. */
    void displayOne(long id) throws InterruptedException {
        Optional<PunchMessage> claimed;
        try {
            claimed = messages.claim(id, Long.valueOf(id).equals(unfinished));
        } catch (RuntimeException e) {
            queue.addFirst(id);
            throw e;
        }
        if (claimed.isEmpty()) {
            return;
        }
        PunchMessage message = claimed.get();
        unfinished = id;
        List<CardFrame> cards = CardText.cards(message.text());
        try {
            new CardPuncher(sink(), Duration.ofMillis(columnDelayMillis), Duration.ofMillis(holdMillis))
                    .punch(cards, (card, of, columns, frame) -> status = status.punching(message, frame, card, of, columns));
            status = status.done(messages.markDisplayed(id));
            unfinished = null;
        } catch (CardSinkFault fault) {
            LOG.log(Level.WARNING, "Punch card fault while showing message " + id + " (kept, retried in " + retryMillis + " ms): "
                    + fault.getMessage());
            queue.addFirst(id);
            status = status.faulted(messages.markFailed(id, fault.getMessage()), fault.getMessage());
            unfinished = null;
            if (!pause(retryMillis)) {
                throw new InterruptedException();
            }
        } catch (RuntimeException e) {
            queue.addFirst(id);
            throw e;
        }
    }

    /** The hardware; GPIO that could not be opened at start is tried again with every message. */
    private CardSink sink() {
        CardSink current = sink;
        if (current == null) {
            current = openGpio();
            sink = current;
        }
        return current;
    }

    private CardSink openHardware() {
        String mode = hardwareMode.trim().toLowerCase(Locale.ROOT);
        switch (mode) {
            case "mock":
                LOG.info("Punch card: mock hardware (configured); frames are kept in memory");
                return new MemoryCardSink();
            case "gpio":
                try {
                    return openGpio();
                } catch (CardSinkFault fault) {
                    LOG.severe("Punch card: GPIO configured but unavailable (" + fault.getMessage() + "); messages wait until it works");
                    status = status.faulted(null, fault.getMessage());
                    return null;
                }
            default:
                if (!mode.equals("auto")) {
                    LOG.severe("Punch card: hollerith.punchcard.hardware must be auto, gpio or mock, not '" + hardwareMode + "'; trying auto");
                }
                try {
                    CardSink gpio = openGpio();
                    LOG.info(() -> "Punch card: GPIO shift-register chain on data " + dataPin + ", clock " + clockPin + ", latch " + latchPin);
                    return gpio;
                } catch (CardSinkFault fault) {
                    LOG.info("Punch card: no usable GPIO (" + fault.getMessage() + "); running in mock hardware mode");
                    return new MemoryCardSink();
                }
        }
    }

    /** Built explicitly with the real provider: auto-detection would prefer pi4j's mock plugin when it is on the class path. */
    private CardSink openGpio() {
        Context context = null;
        try {
            context = Pi4J.newContextBuilder().noAutoDetect().add(GpioDDigitalOutputProvider.newInstance()).build();
            CardSink gpio = ShiftRegisterCardSink.open(context, GpioDDigitalOutputProvider.ID, new PinMap(dataPin, clockPin, latchPin));
            pi4j = context;
            return gpio;
        } catch (RuntimeException | LinkageError e) {
            shutdown(context);
            throw new CardSinkFault("GPIO unavailable: " + e.getMessage(), e);
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        if (worker != null) {
            worker.shutdownNow();
            try {
                if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
                    LOG.warning("Punch card: the worker did not stop within 10 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        CardSink current = sink;
        if (current != null) {
            current.close();
        }
        shutdown(pi4j);
        pi4j = null;
    }

    private static void shutdown(Context context) {
        if (context != null) {
            try {
                context.shutdown();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Punch card: pi4j did not shut down cleanly", e);
            }
        }
    }

    private static boolean pause(long millis) {
        try {
            Thread.sleep(Math.max(0, millis));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** For tests: a display with a given sink and no worker. */
    void useSink(CardSink given) {
        sink = given;
    }
}
