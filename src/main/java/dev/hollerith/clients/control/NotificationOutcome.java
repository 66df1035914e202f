package dev.hollerith.clients.control;

import java.time.Instant;

/**
 * What happened when the widget was told: {@code delivered} only when it answered 2xx without
 * {@code "success": false}; {@code statusCode} null when no answer came at all.
 */
public record NotificationOutcome(Instant sentAt, String url, boolean disabled, boolean delivered, Integer statusCode,
                                  Boolean success, String message, String error, long durationMs) {
}
