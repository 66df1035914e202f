package dev.hollerith.punchcard.boundary;

import dev.hollerith.platform.control.FieldErrors;
import dev.hollerith.punchcard.control.CardText;
import java.util.List;

/** {@code {"text": "..."}}: folded to upper case; every character must be one the IBM 029 can punch. */
public record NewMessage(String text) {

    /** @return the folded text */
    String validated(int maxLength) {
        FieldErrors errors = new FieldErrors().text("text", text, maxLength);
        if (errors.isEmpty()) {
            List<String> refused = CardText.unpunchable(CardText.fold(text));
            if (!refused.isEmpty()) {
                errors.add("text", "cannot be punched on a card (IBM 029 code): " + String.join(", ", refused));
            }
        }
        errors.throwIfAny();
        return CardText.fold(text);
    }
}
