package dev.hollerith.alerts.control;

/**
 * An alert opened or resolved, with where to send it. Fired in the transaction that wrote the alert and
 * delivered after it commits; {@code secret} lives only in memory and never reaches a log line.
 */
record AlertChanged(String alertId, String state, String payload, String url, String secret) {

    /** Standard Webhooks ids must be unique per message: the open and the resolved event of one alert differ. */
    String messageId() {
        return "alert_" + alertId + "_" + state;
    }

    @Override
    public String toString() {
        return "AlertChanged[" + messageId() + "]";
    }
}
