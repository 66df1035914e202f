package dev.hollerith.punchcard.control;

/** Where card frames go: the LED matrix behind shift registers, or memory when there is no GPIO. */
public interface CardSink extends AutoCloseable {

    /** Shows the frame; a hardware failure is a {@link CardSinkFault}. */
    void show(CardFrame frame);

    /** {@code gpio} or {@code mock}, as the status reports it. */
    String hardware();

    @Override
    void close();
}
