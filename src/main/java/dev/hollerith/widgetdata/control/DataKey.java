package dev.hollerith.widgetdata.control;

/**
 * One shared data row: (integration, discriminator). A value, so that a method taking a key cannot
 * have its integration id and discriminator swapped with other ids; {@link #text()} (and {@link #of})
 * is its form in grid caches and maps: {@code <integration id>:<discriminator>}.
 */
public record DataKey(long integrationId, String discriminator) {

    public static String of(long integrationId, String discriminator) {
        return integrationId + ":" + discriminator;
    }

    public String text() {
        return of(integrationId, discriminator);
    }
}
