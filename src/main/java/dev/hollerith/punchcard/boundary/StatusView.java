package dev.hollerith.punchcard.boundary;

import dev.hollerith.punchcard.control.CardFrame;
import dev.hollerith.punchcard.control.DisplayStatus;
import dev.hollerith.security.control.Caller;
import jakarta.json.bind.annotation.JsonbNillable;
import java.util.List;

/**
 * The punch card at a glance, for the console's status indicators: whether the message API
 * runs, what the display does, on which hardware, and the card itself as 12 rows of 80 bits.
 * {@code messagesTotal} counts the messages the caller may read.
 */
@JsonbNillable
public record StatusView(String api, String display, String hardware, String fault, int queueLength, long messagesTotal,
                         MessageView currentMessage, Card card) {

    /**
     * @param rows    12 strings of 80 '0'/'1', rows 12, 11, 0, 1 … 9 top to bottom
     * @param number  which card of the current message (1-based; 0 before the first message)
     * @param of      how many cards the current message needs
     * @param columns columns punched so far on this card
     */
    public record Card(List<String> rows, int number, int of, int columns) {
    }

    /**
     * The punched rows spell the text, so a caller who may not read the current message gets a
     * blank card (with its progress) and no fault text, which may quote it.
     */
    static StatusView of(boolean apiRunning, DisplayStatus display, String hardware, int queueLength, long messagesTotal,
                         Caller caller) {
        boolean readable = display.message() == null || display.message().isReadableBy(caller);
        CardFrame frame = readable ? display.frame() : CardFrame.blank();
        return new StatusView(apiRunning ? "running" : "stopped", display.state().apiName(), hardware,
                readable ? display.fault() : null, queueLength, messagesTotal, MessageView.seenBy(display.message(), caller),
                new Card(frame.rows(), display.card(), display.cards(), display.columns()));
    }
}
