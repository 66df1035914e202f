package dev.hollerith.widgetdata.control;

/** The grid-cache key of one shared data row: {@code <integration id>:<discriminator>}. */
public final class DataKey {

    private DataKey() {
    }

    public static String of(long integrationId, String discriminator) {
        return integrationId + ":" + discriminator;
    }
}
