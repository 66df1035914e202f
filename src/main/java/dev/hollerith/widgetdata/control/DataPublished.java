package dev.hollerith.widgetdata.control;

/**
 * A new version of one (integration, discriminator) was written. Fired inside the writing
 * transaction and observed after it commits, so nobody is told about data that was rolled back.
 */
public record DataPublished(long integrationId, String discriminator, long version) {

    public String dataKey() {
        return DataKey.of(integrationId, discriminator);
    }
}
