package dev.hollerith.punchcard.control;

import java.util.Locale;

/** What the card is doing: waiting for a message, punching or holding one, or stopped by a hardware fault. */
public enum DisplayState {
    IDLE, DISPLAYING, FAULT;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
