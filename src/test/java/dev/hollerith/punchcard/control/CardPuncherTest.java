package dev.hollerith.punchcard.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CardPuncherTest {

    /** Remembers every frame, as a camera on the LEDs would. */
    static final class RecordingSink implements CardSink {
        final List<CardFrame> frames = new ArrayList<>();

        @Override
        public void show(CardFrame frame) {
            frames.add(frame);
        }

        @Override
        public String hardware() {
            return "mock";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void eachCardStartsBlankAndGainsOneColumnPerStep() throws InterruptedException {
        RecordingSink sink = new RecordingSink();
        List<CardFrame> cards = CardText.cards("A".repeat(80) + " BC");
        List<String> progress = new ArrayList<>();
        new CardPuncher(sink, Duration.ZERO, Duration.ZERO)
                .punch(cards, (card, of, columns, frame) -> progress.add(card + "/" + of + ":" + columns));

        assertEquals(2 * 81, sink.frames.size());
        assertEquals(CardFrame.blank(), sink.frames.get(0));
        assertEquals(CardFrame.of("A"), sink.frames.get(1));
        assertEquals(CardFrame.of("A".repeat(80)), sink.frames.get(80));
        assertEquals(CardFrame.blank(), sink.frames.get(81));
        assertEquals(CardFrame.of("BC"), sink.frames.get(2 * 81 - 1));
        assertEquals("1/2:0", progress.get(0));
        assertEquals("2/2:80", progress.get(progress.size() - 1));
    }

    @Test
    void columnDelayAndHoldPaceThePunching() throws InterruptedException {
        long started = System.nanoTime();
        new CardPuncher(new MemoryCardSink(), Duration.ofMillis(2), Duration.ofMillis(100))
                .punch(CardText.cards("PACE"), (card, of, columns, frame) -> { });
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(true, elapsedMillis >= 80 * 2 + 100, "took " + elapsedMillis + " ms");
    }
}
