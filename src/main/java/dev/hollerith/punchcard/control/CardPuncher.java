package dev.hollerith.punchcard.control;

import java.time.Duration;
import java.util.List;

/**
 * The keypunch motion: each card starts blank, gains one column per step with a pause between,
 * and is then held so that it can be read.
 */
public final class CardPuncher {

    /** Sees every frame shown: card number (1-based) of how many, columns punched so far. */
    public interface Progress {
        void shown(int card, int cards, int columns, CardFrame frame);
    }

    private final CardSink sink;
    private final Duration columnDelay;
    private final Duration hold;

    public CardPuncher(CardSink sink, Duration columnDelay, Duration hold) {
        this.sink = sink;
        this.columnDelay = columnDelay;
        this.hold = hold;
    }

    public void punch(List<CardFrame> cards, Progress progress) throws InterruptedException {
        for (int card = 0; card < cards.size(); card++) {
            CardFrame full = cards.get(card);
            for (int columns = 0; columns <= CardFrame.COLUMNS; columns++) {
                CardFrame frame = full.firstColumns(columns);
                sink.show(frame);
                progress.shown(card + 1, cards.size(), columns, frame);
                if (columns > 0) {
                    pause(columnDelay);
                }
            }
            pause(hold);
        }
    }

    private static void pause(Duration duration) throws InterruptedException {
        if (!duration.isZero() && !duration.isNegative()) {
            Thread.sleep(duration.toMillis());
        } else if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }
}
