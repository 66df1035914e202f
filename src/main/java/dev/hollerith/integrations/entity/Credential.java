package dev.hollerith.integrations.entity;

import dev.hollerith.platform.control.JsonObjectConverter;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import java.util.UUID;

/**
 * The credentials of one integration for one owner: an organization (organization scope) or a
 * widget config (widget scope). The fields are sealed with the organization's data key and bound to
 * integration and owner; only the non-sensitive {@code metadata} is kept readable.
 */
@Entity
@Table(name = "credential", uniqueConstraints = @UniqueConstraint(name = "credential_owner", columnNames = {"integration_id", "owner"}))
@NamedQuery(name = Credential.OF_OWNER, query = "SELECT c FROM Credential c WHERE c.integrationId = :integration AND c.owner = :owner")
@NamedQuery(name = Credential.OF_INTEGRATION, query = "SELECT c FROM Credential c WHERE c.integrationId = :integration")
@NamedQuery(name = Credential.OF_WIDGET_CONFIG, query = "SELECT c FROM Credential c WHERE c.widgetConfigId = :config")
public class Credential {

    public static final String OF_OWNER = "Credential.ofOwner";
    public static final String OF_INTEGRATION = "Credential.ofIntegration";
    public static final String OF_WIDGET_CONFIG = "Credential.ofWidgetConfig";

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "integration_id", nullable = false)
    private long integrationId;

    /** {@code org:<id>} or {@code config:<id>}: one column, so uniqueness needs no nullable column. */
    @Column(nullable = false, length = 80)
    private String owner;

    /** Always set: the organization whose data key seals the fields, also for widget scope. */
    @Column(name = "organization_id", nullable = false, length = 36)
    private String organizationId;

    @Column(name = "widget_config_id", length = 36)
    private String widgetConfigId;

    @Column(nullable = false, length = 100_000)
    private String ciphertext;

    @Column(length = 1_000_000)
    @Convert(converter = JsonObjectConverter.class)
    private JsonObject metadata;

    @Column(name = "validated_at")
    private Instant validatedAt;

    @Column(name = "is_valid", nullable = false)
    private boolean valid;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Credential() {
    }

    private Credential(long integrationId, String organizationId, String widgetConfigId) {
        this.id = UUID.randomUUID().toString();
        this.integrationId = integrationId;
        this.organizationId = organizationId;
        this.widgetConfigId = widgetConfigId;
        this.owner = ownerOf(organizationId, widgetConfigId);
        this.createdAt = Instant.now();
    }

    public static Credential ofOrganization(long integrationId, String organizationId) {
        return new Credential(integrationId, organizationId, null);
    }

    public static Credential ofWidgetConfig(long integrationId, String organizationId, String widgetConfigId) {
        return new Credential(integrationId, organizationId, widgetConfigId);
    }

    public static String ownerOf(String organizationId, String widgetConfigId) {
        return widgetConfigId == null ? "org:" + organizationId : "config:" + widgetConfigId;
    }

    /**
     * The associated data of the ciphertext: it opens only for this integration and this owner, so a
     * row copied to another integration, organization or config is useless.
     */
    public String sealingContext() {
        return "credential:integration:" + integrationId + ":" + (widgetConfigId == null ? "org:" + organizationId : "config:" + widgetConfigId);
    }

    /**
     * New sealed fields. A schema check is not a test: until a real test (or a real pull) tells,
     * they are "not tested", never "valid", so the console cannot show a verdict nobody reached.
     */
    public void replace(String sealedFields, JsonObject newMetadata) {
        this.ciphertext = sealedFields;
        this.metadata = newMetadata;
        this.updatedAt = Instant.now();
        this.valid = false;
        this.validatedAt = null;
    }

    public void recordValidation(boolean isValid) {
        this.valid = isValid;
        this.validatedAt = Instant.now();
        this.updatedAt = validatedAt;
    }

    public String id() {
        return id;
    }

    public long integrationId() {
        return integrationId;
    }

    public String organizationId() {
        return organizationId;
    }

    /** Null for organization scope. */
    public String widgetConfigId() {
        return widgetConfigId;
    }

    public String ciphertext() {
        return ciphertext;
    }

    public JsonObject metadata() {
        return metadata == null ? JsonValue.EMPTY_JSON_OBJECT : metadata;
    }

    public Instant validatedAt() {
        return validatedAt;
    }

    public boolean isValid() {
        return valid;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
