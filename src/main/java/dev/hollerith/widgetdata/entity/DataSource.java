package dev.hollerith.widgetdata.entity;

import java.util.Locale;

/** Where a version of widget data came from. */
public enum DataSource {
    PULL, WEBHOOK, ROLLBACK, RELEASE;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
