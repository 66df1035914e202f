package dev.hollerith.punchcard.control;

/**
 * The {@code mock} hardware: frames stay in memory (the status and the console show them). Needs
 * no pi4j at all, so production never depends on pi4j's test-only mock plugin.
 */
public final class MemoryCardSink implements CardSink {

    private volatile CardFrame shown = CardFrame.blank();
    private volatile long frames;

    @Override
    public void show(CardFrame frame) {
        shown = frame;
        frames++;
    }

    public CardFrame shown() {
        return shown;
    }

    public long frames() {
        return frames;
    }

    @Override
    public String hardware() {
        return "mock";
    }

    @Override
    public void close() {
        // nothing to release
    }
}
