package dev.hollerith.integrations.control;

import dev.hollerith.crypto.control.Envelope;
import dev.hollerith.integrations.entity.CredentialScope;
import dev.hollerith.integrations.entity.Credential;
import dev.hollerith.integrations.entity.WidgetIntegration;
import dev.hollerith.widgets.entity.WidgetConfig;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Credentials of integrations, sealed per organization; opened only for the request that needs them. */
@Stateless
public class Credentials {

    @PersistenceContext
    EntityManager em;

    @Inject
    Envelope envelope;

    /**
     * The decrypted credential fields this integration uses for this widget config, by the
     * integration's credential_scope (organization: the config's organization; widget: the config).
     * An integration whose credential_schema is empty needs none: it resolves to an empty map.
     */
    public Optional<Map<String, String>> resolve(WidgetIntegration integration, WidgetConfig config) {
        Optional<Credential> stored = stored(integration, config);
        if (stored.isEmpty()) {
            return integration.credentialSchema().isEmpty() ? Optional.of(Map.of()) : Optional.empty();
        }
        return Optional.of(fields(open(stored.get())));
    }

    /** Records the verdict of a real use of the credentials (e.g. the upstream answered 401). */
    public void recordValidation(WidgetIntegration integration, WidgetConfig config, boolean valid) {
        stored(integration, config).ifPresent(credential -> credential.recordValidation(valid));
    }

    Optional<Credential> stored(WidgetIntegration integration, WidgetConfig config) {
        String owner = integration.credentialScope() == CredentialScope.ORGANIZATION
                ? Credential.ownerOf(config.organizationId(), null)
                : Credential.ownerOf(config.organizationId(), config.id());
        return ofOwner(integration.id(), owner);
    }

    Optional<Credential> ofOwner(long integrationId, String owner) {
        return em.createNamedQuery(Credential.OF_OWNER, Credential.class)
                .setParameter("integration", integrationId).setParameter("owner", owner)
                .getResultStream().findFirst();
    }

    JsonObject open(Credential credential) {
        String json = envelope.open(credential.organizationId(), credential.sealingContext(), credential.ciphertext());
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    static Map<String, String> fields(JsonObject credentials) {
        Map<String, String> fields = new LinkedHashMap<>();
        credentials.forEach((name, value) -> fields.put(name, text(value)));
        return Map.copyOf(fields);
    }

    static String text(JsonValue value) {
        return value instanceof JsonString string ? string.getString() : value.toString();
    }
}
