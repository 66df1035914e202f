package dev.hollerith.punchcard.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The driver against pi4j's mock GPIO: a model of the 74HC595 chain listens to the pins (data
 * sampled on each rising clock edge, outputs copied on each rising latch edge) and the card is
 * read back from the model's outputs, as the LEDs would show it.
 */
class ShiftRegisterCardSinkTest {

    private static final PinMap PINS = new PinMap(17, 27, 22);

    private Context pi4j;
    private ShiftRegisterChainModel chain;

    @BeforeEach
    void mockGpio() {
        pi4j = Pi4J.newContextBuilder().add(new MockPlatform()).add(MockDigitalOutputProvider.newInstance()).build();
    }

    @AfterEach
    void shutDown() {
        pi4j.shutdown();
    }

    private ShiftRegisterCardSink openSink() {
        ShiftRegisterCardSink sink = ShiftRegisterCardSink.open(pi4j, "mock-digital-output", PINS);
        chain = new ShiftRegisterChainModel(output(PINS.data()), output(PINS.clock()), output(PINS.latch()));
        return sink;
    }

    private DigitalOutput output(int address) {
        return pi4j.registry().allByType(DigitalOutput.class).values().stream()
                .filter(o -> o.address().intValue() == address).findFirst().orElseThrow();
    }

    @Test
    void theLatchedChainShowsTheExpectedCard() {
        ShiftRegisterCardSink sink = openSink();
        String text = "HELLO, PUNCH CARD! 0123456789 $*();¬ ¢.<(+| %_>? :#@'=\"";
        sink.show(CardFrame.of(text));

        assertEquals(1, chain.latches());
        assertEquals(CardFrame.BITS, chain.clocksInLastFrame());
        assertEquals(HollerithCodeTest.expectedRows(text), chain.outputs().rows());
    }

    @Test
    void everyFrameIsLatchedWholeAndReplacesTheLast() {
        ShiftRegisterCardSink sink = openSink();
        sink.show(CardFrame.of("FIRST"));
        sink.show(CardFrame.of("SECOND CARD"));
        sink.show(CardFrame.of("SECOND CARD").firstColumns(3));

        assertEquals(3, chain.latches());
        assertEquals(HollerithCodeTest.expectedRows("SEC"), chain.outputs().rows());
    }

    @Test
    void firstRegisterHoldsRowTwelveColumnsOneToEight() {
        ShiftRegisterCardSink sink = openSink();
        sink.show(CardFrame.of("&"));
        boolean[] outputs = chain.registerOutputs();
        assertEquals(true, outputs[0], "Q0 of register 1 = row 12, column 1");
        for (int position = 1; position < outputs.length; position++) {
            assertEquals(false, outputs[position], "position " + position);
        }
    }

    @Test
    void writesAfterShutdownAreRefusedNotLost() {
        ShiftRegisterCardSink sink = openSink();
        sink.close();
        assertThrows(CardSinkFault.class, () -> sink.show(CardFrame.of("LOST")));
    }

    /** 120 daisy-chained 74HC595: serial in to Q0 of the first, each Q7' into the next one's serial in. */
    static final class ShiftRegisterChainModel {

        private final boolean[] shiftStage = new boolean[CardFrame.BITS];
        private boolean[] storage = new boolean[CardFrame.BITS];
        private final List<Integer> clocksPerLatch = new ArrayList<>();
        private int clocks;

        ShiftRegisterChainModel(DigitalOutput data, DigitalOutput clock, DigitalOutput latch) {
            clock.addListener(event -> {
                if (event.state() == DigitalState.HIGH) {
                    System.arraycopy(shiftStage, 0, shiftStage, 1, shiftStage.length - 1);
                    shiftStage[0] = data.isHigh();
                    clocks++;
                }
            });
            latch.addListener(event -> {
                if (event.state() == DigitalState.HIGH) {
                    storage = shiftStage.clone();
                    clocksPerLatch.add(clocks);
                    clocks = 0;
                }
            });
        }

        int latches() {
            return clocksPerLatch.size();
        }

        int clocksInLastFrame() {
            return clocksPerLatch.get(clocksPerLatch.size() - 1);
        }

        /** Chain position p = register p / 8 + 1, output Q(p % 8). */
        boolean[] registerOutputs() {
            return storage.clone();
        }

        CardFrame outputs() {
            return CardFrame.fromBits(storage);
        }
    }
}
