package dev.hollerith.punchcard.boundary;

import jakarta.json.bind.annotation.JsonbNillable;

/** {@code {"data": message}} or, before anything was shown, {@code {"data": null}}: the null is written, not omitted. */
@JsonbNillable
public record CurrentMessage(MessageView data) {
}
