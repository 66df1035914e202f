package dev.hollerith.integrations.control;

import dev.hollerith.alerts.control.AlertType;
import dev.hollerith.alerts.control.Alerts;
import dev.hollerith.crypto.control.Envelope;
import dev.hollerith.integrations.entity.Credential;
import dev.hollerith.integrations.entity.CredentialScope;
import dev.hollerith.integrations.entity.WidgetIntegration;
import dev.hollerith.platform.control.Conflict;
import dev.hollerith.platform.control.FieldErrors;
import dev.hollerith.platform.control.InvalidRequest;
import dev.hollerith.platform.control.UnknownResource;
import dev.hollerith.security.control.Caller;
import dev.hollerith.tenancy.control.Organizations;
import dev.hollerith.widgets.control.WidgetConfigRemoved;
import dev.hollerith.widgets.control.WidgetConfigs;
import dev.hollerith.widgets.entity.WidgetConfig;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials of integrations (seed 002 "Credential Management"). The fields are checked against
 * the integration's credential_schema, then sealed with the organization's data key and bound to
 * integration and owner; they leave this class only decrypted for the request that needs them,
 * never in an answer or a log line.
 */
@Stateless
public class Credentials {

    /** The outcome of a write: the stored credential, and whether it is new (201) or replaced (200). */
    public record Saved(Credential credential, boolean created) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Envelope envelope;

    @Inject
    Organizations organizations;

    @Inject
    Integrations integrations;

    @Inject
    WidgetConfigs widgetConfigs;

    @Inject
    Alerts alerts;

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
        stored(integration, config).ifPresent(credential -> {
            credential.recordValidation(valid);
            alert(credential, valid);
        });
    }

    /** Organization scope (seed 002 "Create/Update Organization Credentials"). */
    public Saved saveForOrganization(String organizationId, long integrationId, JsonValue fields, Caller caller) {
        organizations.get(organizationId, caller);
        WidgetIntegration integration = integrations.get(integrationId);
        requireScope(integration, CredentialScope.ORGANIZATION);
        return save(integration, organizationId, null, fields);
    }

    /** Widget scope (seed 002 "Create/Update Widget Credentials"). */
    public Saved saveForWidgetConfig(String configId, long integrationId, JsonValue fields, Caller caller) {
        WidgetConfig config = widgetConfigs.get(configId, caller);
        WidgetIntegration integration = integrationOfConfig(integrationId, config);
        requireScope(integration, CredentialScope.WIDGET);
        return save(integration, config.organizationId(), config.id(), fields);
    }

    public Credential ofOrganization(String organizationId, long integrationId, Caller caller) {
        organizations.get(organizationId, caller);
        WidgetIntegration integration = integrations.get(integrationId);
        requireScope(integration, CredentialScope.ORGANIZATION);
        return ofOwner(integrationId, Credential.ownerOf(organizationId, null)).orElseThrow(Credentials::noCredentials);
    }

    public Credential ofWidgetConfig(String configId, long integrationId, Caller caller) {
        WidgetConfig config = widgetConfigs.get(configId, caller);
        WidgetIntegration integration = integrationOfConfig(integrationId, config);
        requireScope(integration, CredentialScope.WIDGET);
        return ofOwner(integrationId, Credential.ownerOf(config.organizationId(), config.id())).orElseThrow(Credentials::noCredentials);
    }

    public void delete(Credential credential) {
        em.remove(em.contains(credential) ? credential : em.find(Credential.class, credential.id()));
    }

    public void deleteOfIntegration(long integrationId) {
        em.createNamedQuery(Credential.OF_INTEGRATION, Credential.class).setParameter("integration", integrationId)
                .getResultList().forEach(em::remove);
    }

    public void deleteOfWidgetConfig(@Observes WidgetConfigRemoved removed) {
        em.createNamedQuery(Credential.OF_WIDGET_CONFIG, Credential.class).setParameter("config", removed.widgetConfigId())
                .getResultList().forEach(em::remove);
    }

    /** The verdict of a test, in its own transaction (the test itself holds none while it waits upstream). */
    public Credential recordVerdict(String credentialId, boolean valid) {
        Credential credential = em.find(Credential.class, credentialId);
        if (credential != null) {
            credential.recordValidation(valid);
            alert(credential, valid);
        }
        return credential;
    }

    /** The stored fields of this credential, decrypted. */
    public JsonObject open(Credential credential) {
        String json = envelope.open(credential.organizationId(), credential.sealingContext(), credential.ciphertext());
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    public Optional<Credential> ofOwner(long integrationId, String owner) {
        return em.createNamedQuery(Credential.OF_OWNER, Credential.class)
                .setParameter("integration", integrationId).setParameter("owner", owner)
                .getResultStream().findFirst();
    }

    Optional<Credential> stored(WidgetIntegration integration, WidgetConfig config) {
        String owner = integration.credentialScope() == CredentialScope.ORGANIZATION
                ? Credential.ownerOf(config.organizationId(), null)
                : Credential.ownerOf(config.organizationId(), config.id());
        return ofOwner(integration.id(), owner);
    }

    private Saved save(WidgetIntegration integration, String organizationId, String configId, JsonValue given) {
        FieldErrors errors = new FieldErrors();
        if (!(given instanceof JsonObject fields)) {
            errors.add("credentials", given == null || given == JsonValue.NULL ? "is required: an object of the credential fields" : "must be an object");
            errors.throwIfAny();
            return null;
        }
        FieldSchema schema = FieldSchema.of(integration.credentialSchema());
        // fields the schema does not declare are not sealed: they are plain, non-sensitive metadata (seed 002's username)
        JsonObject extra = schema.extraMetadata(fields, "credentials", errors);
        var declared = Json.createObjectBuilder();
        fields.forEach((name, value) -> schema.field(name).ifPresent(field -> declared.add(name, value)));
        JsonObject valid = schema.apply(declared.build(), "credentials", errors, true);
        errors.throwIfAny();

        Optional<Credential> existing = ofOwner(integration.id(), Credential.ownerOf(organizationId, configId));
        Credential credential = existing.orElseGet(() -> configId == null
                ? Credential.ofOrganization(integration.id(), organizationId)
                : Credential.ofWidgetConfig(integration.id(), organizationId, configId));
        credential.replace(envelope.seal(organizationId, credential.sealingContext(), valid.toString()),
                Json.createObjectBuilder(schema.metadataOf(valid)).addAll(Json.createObjectBuilder(extra)).build());
        try {
            if (existing.isEmpty()) {
                em.persist(credential);
            }
            em.flush();
        } catch (PersistenceException concurrentWrite) {
            // two first writes for the same owner at once: the unique (integration, owner) key let one win
            throw new Conflict("The credentials were written concurrently by another request; send them again");
        }
        return new Saved(credential, existing.isEmpty());
    }

    /** Issue 17: credentials that stopped working are an alert of their organization until they work again. */
    private void alert(Credential credential, boolean valid) {
        if (valid) {
            alerts.resolve(credential.organizationId(), AlertType.CREDENTIALS_INVALID, credential.id());
        } else {
            alerts.raise(credential.organizationId(), AlertType.CREDENTIALS_INVALID, credential.id(), credential.integrationId(),
                    credential.widgetConfigId(), "The credentials of integration " + credential.integrationId() + " were refused");
        }
    }

    private WidgetIntegration integrationOfConfig(long integrationId, WidgetConfig config) {
        WidgetIntegration integration = integrations.get(integrationId);
        if (!integration.widgetId().equals(config.widgetId())) {
            throw new InvalidRequest("Integration " + integrationId + " belongs to the widget " + integration.widgetId()
                    + ", this widget config to " + config.widgetId());
        }
        return integration;
    }

    private static void requireScope(WidgetIntegration integration, CredentialScope scope) {
        if (integration.credentialScope() != scope) {
            throw new InvalidRequest(integration.credentialScope() == CredentialScope.ORGANIZATION
                    ? "Scope mismatch: integration " + integration.id() + " keeps organization-scoped credentials; set them with "
                            + "/dashboard/organizations/{organization_id}/widget-integrations/" + integration.id() + "/credentials"
                    : "Scope mismatch: integration " + integration.id() + " keeps credentials per widget config; set them with "
                            + "/dashboard/widget-configs/{widget_config_id}/credentials");
        }
    }

    private static UnknownResource noCredentials() {
        return new UnknownResource("Integration or credentials not found");
    }

    static Map<String, String> fields(JsonObject credentials) {
        Map<String, String> fields = new LinkedHashMap<>();
        credentials.forEach((name, value) -> fields.put(name, value instanceof JsonString s ? s.getString() : value.toString()));
        return Map.copyOf(fields);
    }
}
