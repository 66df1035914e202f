package dev.hollerith.widgetdata.control;

import dev.hollerith.integrations.control.PullRequestTemplate;
import dev.hollerith.integrations.entity.CredentialScope;
import dev.hollerith.integrations.entity.WidgetIntegration;
import dev.hollerith.widgets.entity.WidgetConfig;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who shares data (DESIGN.md "Discriminator"): everyone whose upstream request would be the same.
 * N widget configs with the same feed URL share one row and cost one upstream request an interval;
 * data fetched with one organization's credentials is never shared with another organization.
 */
public final class Discriminator {

    private Discriminator() {
    }

    /**
     * {@code cfg:<configId>} for push integrations and widget-scoped credentials;
     * {@code org:<orgId>} when only organization credentials and no config values feed the request;
     * {@code opt:<sha256 hex>} of the organization (if its credentials are used) and the sorted
     * config values used, otherwise.
     */
    public static String of(WidgetIntegration integration, WidgetConfig config) {
        boolean widgetCredentials = integration.credentialScope() == CredentialScope.WIDGET && !integration.credentialSchema().isEmpty();
        if (integration.supportsPush() || widgetCredentials) {
            return "cfg:" + config.id();
        }
        PullRequestTemplate template = PullRequestTemplate.of(integration);
        boolean organizationCredentials = integration.credentialScope() == CredentialScope.ORGANIZATION
                && (!integration.credentialSchema().isEmpty() || !template.credentialNames().isEmpty());
        Set<String> configNames = new TreeSet<>(template.configNames());
        if (integration.usesRssFetcher()) {
            configNames.add("max_items");
        }
        if (organizationCredentials && configNames.isEmpty()) {
            return "org:" + config.organizationId();
        }
        // a JSON document, not a concatenation: no two different inputs can spell the same text
        JsonObjectBuilder values = Json.createObjectBuilder();
        for (String name : configNames) {
            values.add(name, text(config.options().get(name)));
        }
        String input = Json.createObjectBuilder()
                .add("organization", organizationCredentials ? config.organizationId() : "")
                .add("config", values)
                .build().toString();
        return "opt:" + sha256Hex(input);
    }

    private static String text(JsonValue value) {
        if (value == null || value == JsonValue.NULL) {
            return "";
        }
        return value instanceof JsonString string ? string.getString() : value.toString();
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
