package dev.hollerith.integrations.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Who owns an integration's credentials: the organization (shared by all its configs) or each widget config. */
public enum CredentialScope {
    ORGANIZATION, WIDGET;

    /** The name in the API ({@code "organization"}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<CredentialScope> parse(String wireName) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(wireName)).findFirst();
    }
}
