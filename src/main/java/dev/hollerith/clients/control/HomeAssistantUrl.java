package dev.hollerith.clients.control;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * A client's Home Assistant base URL ({@code https://homeassistant.local:8123}), from which seed
 * 001 builds the widget endpoint {@code {ha_url}/api/widget/disable}.
 */
public final class HomeAssistantUrl {

    public static final int MAX_LENGTH = 2048;
    static final String WIDGET_PATH = "/api/widget/disable";

    private HomeAssistantUrl() {
    }

    /** @return why the text is not a usable base URL, or empty when it is */
    public static Optional<String> problem(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of("is required");
        }
        if (text.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            return Optional.of("must be an absolute http or https URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            return Optional.of("must be an absolute http or https URL");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not contain user information");
        }
        // the widget path is appended to it: a query or fragment would swallow that path
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return Optional.of("must not have a query or fragment");
        }
        return Optional.empty();
    }

    /** {@code {ha_url}/api/widget/disable}, without a double slash when the URL ends with one. */
    public static URI widgetEndpoint(String haUrl) {
        String base = haUrl.trim();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + WIDGET_PATH);
    }
}
