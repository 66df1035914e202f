package dev.hollerith.punchcard.control;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;

/**
 * Drives 960 LEDs through a chain of 120 74HC595 shift registers with three pi4j digital outputs.
 * Each frame is shifted in whole (data set, clock rising edge, 960 times) and then latched, so the
 * LEDs change at once and never show a half-shifted card. The bit at chain position 959 goes
 * first: after 960 clocks it has travelled to the far end, and position 0 (row 12, column 1)
 * sits on Q0 of the first register.
 */
public final class ShiftRegisterCardSink implements CardSink {

    private final DigitalOutput data;
    private final DigitalOutput clock;
    private final DigitalOutput latch;
    private volatile boolean closed;

    private ShiftRegisterCardSink(DigitalOutput data, DigitalOutput clock, DigitalOutput latch) {
        this.data = data;
        this.clock = clock;
        this.latch = latch;
    }

    /**
     * Opens the outputs on the given context with the given provider (e.g. {@code gpiod-digital-output}).
     * The context stays its creator's: it is shut down by whoever built it.
     */
    public static ShiftRegisterCardSink open(Context pi4j, String provider, PinMap pins) {
        return new ShiftRegisterCardSink(output(pi4j, provider, "punchcard-data", pins.data()),
                output(pi4j, provider, "punchcard-clock", pins.clock()),
                output(pi4j, provider, "punchcard-latch", pins.latch()));
    }

    private static DigitalOutput output(Context pi4j, String provider, String id, int address) {
        return pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id(id).name(id).address(address)
                .provider(provider).initial(DigitalState.LOW).shutdown(DigitalState.LOW).build());
    }

    @Override
    public synchronized void show(CardFrame frame) {
        // pi4j ignores writes after shutdown silently: refuse them, or a frame would "succeed" unseen
        if (closed) {
            throw new CardSinkFault("GPIO is shut down", null);
        }
        try {
            for (int position = CardFrame.BITS - 1; position >= 0; position--) {
                data.state(frame.bit(position) ? DigitalState.HIGH : DigitalState.LOW);
                clock.high();
                clock.low();
            }
            latch.high();
            latch.low();
        } catch (RuntimeException e) {
            throw new CardSinkFault("GPIO write failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String hardware() {
        return "gpio";
    }

    @Override
    public void close() {
        closed = true;
    }
}
