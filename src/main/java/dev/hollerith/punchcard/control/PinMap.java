package dev.hollerith.punchcard.control;

/** The three digital outputs driving the 74HC595 chain (BCM numbers): serial data, shift clock, latch (storage clock). */
public record PinMap(int data, int clock, int latch) {

    public PinMap {
        if (data == clock || clock == latch || data == latch) {
            throw new IllegalArgumentException("The data, clock and latch pins must differ: " + data + ", " + clock + ", " + latch);
        }
    }
}
