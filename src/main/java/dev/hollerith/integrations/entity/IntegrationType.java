package dev.hollerith.integrations.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How data reaches a widget: fetched by us (pull), sent to our webhook (push), or both. */
public enum IntegrationType {
    PULL, PUSH, BOTH;

    /** The name in the API ({@code "pull"}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<IntegrationType> parse(String wireName) {
        return Arrays.stream(values()).filter(t -> t.wireName().equals(wireName)).findFirst();
    }
}
