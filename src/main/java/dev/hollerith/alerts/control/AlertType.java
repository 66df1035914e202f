package dev.hollerith.alerts.control;

/** The conditions of API.md "Alerts", by their wire names. */
public enum AlertType {
    DATA_STALE("data.stale"),
    PULL_FAILING("pull.failing"),
    CREDENTIALS_INVALID("credentials.invalid"),
    DATA_QUARANTINED("data.quarantined"),
    WEBHOOKS_FORGED("webhooks.forged"),
    BUDGET_EXHAUSTED("budget.exhausted");

    private final String wireName;

    AlertType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
