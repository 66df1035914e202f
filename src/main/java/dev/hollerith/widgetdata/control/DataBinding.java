package dev.hollerith.widgetdata.control;

/**
 * Which shared data a widget config reads: its organization (for authorization) and the
 * (integration, discriminator) of its data. Cached in the grid as text, so the player read path
 * needs no database round trip. {@code integrationId} is 0 when the widget has no active integration.
 */
public record DataBinding(String organizationId, long integrationId, String discriminator) {

    public boolean hasData() {
        return integrationId > 0;
    }

    public String dataKey() {
        return DataKey.of(integrationId, discriminator);
    }

    public DataKey key() {
        return new DataKey(integrationId, discriminator);
    }

    String encode() {
        return organizationId + "\t" + integrationId + "\t" + (discriminator == null ? "" : discriminator);
    }

    static DataBinding decode(String text) {
        String[] parts = text.split("\t", -1);
        return new DataBinding(parts[0], Long.parseLong(parts[1]), parts[2].isEmpty() ? null : parts[2]);
    }
}
