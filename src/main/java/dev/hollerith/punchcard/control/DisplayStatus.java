package dev.hollerith.punchcard.control;

import dev.hollerith.punchcard.entity.PunchMessage;

/**
 * A consistent picture of the display at one moment, replaced whole on every frame so that
 * readers never see a frame of one message with the state of another.
 *
 * @param message the message on the card (punching, held, or the last one shown); null before the first
 * @param fault   why the display is in {@link DisplayState#FAULT}, else null
 */
public record DisplayStatus(DisplayState state, String fault, PunchMessage message, CardFrame frame,
                            int card, int cards, int columns) {

    static DisplayStatus initial() {
        return new DisplayStatus(DisplayState.IDLE, null, null, CardFrame.blank(), 0, 0, 0);
    }

    DisplayStatus punching(PunchMessage punching, CardFrame shown, int cardNumber, int cardCount, int punched) {
        return new DisplayStatus(DisplayState.DISPLAYING, null, punching, shown, cardNumber, cardCount, punched);
    }

    DisplayStatus done(PunchMessage displayed) {
        return new DisplayStatus(DisplayState.IDLE, null, displayed, frame, card, cards, columns);
    }

    DisplayStatus faulted(PunchMessage failed, String reason) {
        return new DisplayStatus(DisplayState.FAULT, reason, failed, frame, card, cards, columns);
    }
}
