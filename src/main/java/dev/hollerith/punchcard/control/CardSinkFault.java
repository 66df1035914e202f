package dev.hollerith.punchcard.control;

/** The card could not be shown (a GPIO write failed, the pins could not be opened). The message is kept. */
public class CardSinkFault extends RuntimeException {

    public CardSinkFault(String message, Throwable cause) {
        super(message, cause);
    }
}
