package dev.hollerith.punchcard.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.hollerith.punchcard.entity.MessageStatus;
import dev.hollerith.punchcard.entity.PunchMessage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The display's handling of one message, without container: stored messages in a map, hardware that breaks on demand. */
class PunchCardDisplayTest {

    /** Stored messages in memory, with the state changes of the real store. */
    static final class StoredMessages extends PunchMessages {
        final Map<Long, PunchMessage> byId = new HashMap<>();

        long add(String text) {
            long id = byId.size() + 1L;
            byId.put(id, new PunchMessage(text, "test key", "key:test", "org"));
            return id;
        }

        @Override
        public Optional<PunchMessage> claim(long id, boolean resume) {
            PunchMessage message = byId.get(id);
            if (message == null || !message.isClaimable(resume)) {
                return Optional.empty();
            }
            message.startDisplaying();
            return Optional.of(message);
        }

        @Override
        public PunchMessage markFailed(long id, String reason) {
            byId.get(id).failed(reason);
            return byId.get(id);
        }

        @Override
        public PunchMessage markDisplayed(long id) {
            if (databaseDown) {
                throw new IllegalStateException("database down");
            }
            byId.get(id).displayed(java.time.Instant.now());
            return byId.get(id);
        }

        boolean databaseDown;
    }

    /** GPIO that fails the first {@code failures} frames, then works. */
    static final class FlakyGpio implements CardSink {
        int failures;
        final MemoryCardSink shown = new MemoryCardSink();

        FlakyGpio(int failures) {
            this.failures = failures;
        }

        @Override
        public void show(CardFrame frame) {
            if (failures > 0) {
                failures--;
                throw new CardSinkFault("GPIO write failed: line busy", null);
            }
            shown.show(frame);
        }

        @Override
        public String hardware() {
            return "gpio";
        }

        @Override
        public void close() {
        }
    }

    StoredMessages stored;
    PunchCardDisplay display;

    @BeforeEach
    void display() {
        stored = new StoredMessages();
        display = new PunchCardDisplay();
        display.messages = stored;
        display.columnDelayMillis = 0;
        display.holdMillis = 0;
        display.retryMillis = 0;
    }

    @Test
    void aDisplayedMessageIsCountedAndStaysOnTheCard() throws InterruptedException {
        MemoryCardSink memory = new MemoryCardSink();
        display.useSink(memory);
        long id = stored.add("HELLO");

        display.displayOne(id);

        PunchMessage message = stored.byId.get(id);
        assertEquals(MessageStatus.DISPLAYED, message.status());
        assertEquals(1, message.displayCount());
        assertEquals(DisplayState.IDLE, display.status().state());
        assertSame(message, display.status().message());
        assertEquals(CardFrame.of("HELLO"), display.status().frame());
        assertEquals(CardFrame.of("HELLO"), memory.shown());
        assertEquals("mock", display.hardware());
    }

    @Test
    void aGpioFaultKeepsTheMessageFirstInLineAndItIsShownOnRetry() throws InterruptedException {
        FlakyGpio gpio = new FlakyGpio(1);
        display.useSink(gpio);
        long first = stored.add("FIRST");
        long second = stored.add("SECOND");
        display.enqueue(second);

        display.displayOne(first);

        assertEquals(DisplayState.FAULT, display.status().state());
        assertEquals("GPIO write failed: line busy", display.status().fault());
        assertEquals(MessageStatus.FAILED, stored.byId.get(first).status());
        assertEquals("GPIO write failed: line busy", stored.byId.get(first).lastError());
        assertEquals(List.of(first, second), List.copyOf(display.queue), "the failed message is retried before the next one");

        display.displayOne(display.queue.poll());

        assertEquals(DisplayState.IDLE, display.status().state());
        assertNull(display.status().fault());
        assertEquals(MessageStatus.DISPLAYED, stored.byId.get(first).status());
        assertEquals(2, stored.byId.get(first).attempts());
        assertEquals(CardFrame.of("FIRST"), gpio.shown.shown());
        assertEquals(List.of(second), List.copyOf(display.queue));
    }

    @Test
    void aMessageDisplayedMeanwhileIsNotShownTwice() throws InterruptedException {
        MemoryCardSink memory = new MemoryCardSink();
        display.useSink(memory);
        long id = stored.add("ONCE");
        display.displayOne(id);
        long frames = memory.frames();

        display.displayOne(id);

        assertEquals(frames, memory.frames());
        assertEquals(1, stored.byId.get(id).displayCount());
    }

    @Test
    void aMessageBeingDisplayedElsewhereIsNotClaimed() throws InterruptedException {
        MemoryCardSink memory = new MemoryCardSink();
        display.useSink(memory);
        long id = stored.add("ELSEWHERE");
        stored.byId.get(id).startDisplaying();

        display.displayOne(id);

        assertEquals(0, memory.frames());
        assertEquals(MessageStatus.DISPLAYING, stored.byId.get(id).status());
    }

    @Test
    void aMessageWhoseEndTheDatabaseMissedIsResumedByItsDisplay() throws InterruptedException {
        display.useSink(new MemoryCardSink());
        long id = stored.add("AGAIN");
        stored.databaseDown = true;
        try {
            display.displayOne(id);
        } catch (IllegalStateException expected) {
            // the worker logs it and retries later
        }
        assertEquals(List.of(id), List.copyOf(display.queue));
        stored.databaseDown = false;

        display.displayOne(display.queue.poll());

        assertEquals(MessageStatus.DISPLAYED, stored.byId.get(id).status());
        assertEquals(1, stored.byId.get(id).displayCount());
    }

    @Test
    void aMultiCardMessageReportsItsCards() throws InterruptedException {
        display.useSink(new MemoryCardSink());
        long id = stored.add("A".repeat(80) + " " + "B".repeat(10));
        display.displayOne(id);
        assertEquals(2, display.status().card());
        assertEquals(2, display.status().cards());
        assertEquals(80, display.status().columns());
        assertEquals(CardFrame.of("B".repeat(10)), display.status().frame());
    }
}
