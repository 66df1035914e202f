package dev.hollerith.integrations.control;

import dev.hollerith.crypto.control.Aead;
import dev.hollerith.integrations.entity.Credential;
import dev.hollerith.integrations.entity.CredentialScope;
import dev.hollerith.integrations.entity.WidgetIntegration;
import dev.hollerith.outbound.control.OutboundFailed;
import dev.hollerith.outbound.control.OutboundHttp;
import dev.hollerith.outbound.control.OutboundRefused;
import dev.hollerith.outbound.control.OutboundResponse;
import dev.hollerith.platform.control.FieldErrors;
import dev.hollerith.platform.control.InvalidRequest;
import dev.hollerith.platform.control.UnknownResource;
import dev.hollerith.platform.control.ValidationFailed;
import dev.hollerith.security.control.Caller;
import dev.hollerith.tenancy.control.Organizations;
import dev.hollerith.widgets.control.WidgetConfigs;
import dev.hollerith.widgets.entity.WidgetConfig;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * "Test Integration" of seed 002, done for real: a pull integration sends one upstream request
 * with the stored credentials, exactly as the pull engine would, and reports the upstream's
 * verdict; a push integration has nothing to call, so its stored credentials are checked against
 * the schema. No transaction is held while the upstream is awaited.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CredentialCheck {

    /** What the test answers (seed 002): {@code validatedAt} is set when the test reached a verdict and recorded it. */
    public record Result(boolean success, String message, Instant validatedAt) {
    }

    public static final String VALIDATED = "Credentials found and validated";
    private static final Logger LOG = Logger.getLogger(CredentialCheck.class.getName());

    @Inject
    Organizations organizations;

    @Inject
    Integrations integrations;

    @Inject
    Credentials credentials;

    @Inject
    WidgetConfigs widgetConfigs;

    @Inject
    OutboundHttp outbound;

    @Inject
    @ConfigProperty(name = "hollerith.integrations.test-timeout-ms", defaultValue = "10000")
    long defaultTimeoutMillis;

    /**
     * @param widgetConfigId the config whose credentials (widget scope) and options are used; without
     *                       one, {{config.x}} placeholders take the schema defaults
     */
    public Result test(String organizationId, long integrationId, String widgetConfigId, Caller caller) {
        organizations.get(organizationId, caller);
        WidgetIntegration integration = integrations.find(integrationId).orElseThrow(CredentialCheck::notFound);
        WidgetConfig config = null;
        if (widgetConfigId != null) {
            config = widgetConfigs.get(widgetConfigId, caller);
            if (!config.organizationId().equals(organizationId)) {
                throw new UnknownResource("Widget config not found");
            }
            if (!config.widgetId().equals(integration.widgetId())) {
                throw new InvalidRequest("Integration " + integrationId + " belongs to the widget " + integration.widgetId()
                        + ", this widget config to " + config.widgetId());
            }
        } else if (integration.credentialScope() == CredentialScope.WIDGET && !integration.credentialSchema().isEmpty()) {
            throw new InvalidRequest("Integration " + integrationId + " keeps credentials per widget config: "
                    + "name the config with ?widget_config_id=");
        }
        String owner = integration.credentialScope() == CredentialScope.ORGANIZATION || config == null
                ? Credential.ownerOf(organizationId, null) : Credential.ownerOf(organizationId, config.id());
        Optional<Credential> stored = credentials.ofOwner(integration.id(), owner);
        if (stored.isEmpty() && !integration.credentialSchema().isEmpty()) {
            throw notFound();
        }

        JsonObject fields = JsonValue.EMPTY_JSON_OBJECT;
        if (stored.isPresent()) {
            try {
                fields = credentials.open(stored.get());
            } catch (Aead.TamperedCiphertext | IllegalArgumentException unreadable) {
                return verdict(stored, false, "The stored credentials cannot be decrypted: set them again");
            }
            FieldErrors errors = new FieldErrors();
            FieldSchema.of(integration.credentialSchema()).apply(fields, "credentials", errors, true);
            if (!errors.isEmpty()) {
                return verdict(stored, false, "The stored credentials no longer match the credential schema: "
                        + describe(new ValidationFailed(errors.asMap())));
            }
        }
        if (!integration.supportsPull()) {
            return verdict(stored, true, VALIDATED);
        }
        return callUpstream(integration, config, Credentials.fields(fields), stored);
    }

    private Result callUpstream(WidgetIntegration integration, WidgetConfig config, Map<String, String> fields, Optional<Credential> stored) {
        Map<String, String> configValues = new LinkedHashMap<>(FieldSchema.of(integration.configSchema()).defaults());
        if (config != null) {
            configValues.putAll(PullRequestTemplate.configValues(config.options()));
        }
        OutboundResponse response;
        try {
            var request = PullRequestTemplate.of(integration).render(fields, configValues, Duration.ofMillis(defaultTimeoutMillis));
            response = outbound.send(request);
        } catch (PullRequestTemplate.Unrenderable unrenderable) {
            return verdict(stored, false, unrenderable.getMessage());
        } catch (OutboundRefused refused) {
            return verdict(stored, false, refused.getMessage());
        } catch (OutboundFailed failed) {
            return verdict(stored, false, "Upstream not reachable: " + failed.getMessage());
        }
        int status = response.status();
        if (status >= 200 && status < 300) {
            return verdict(stored, true, VALIDATED);
        }
        if (status == 401 || status == 403) {
            LOG.info(() -> "Integration " + integration.id() + ": upstream rejected the credentials (HTTP " + status + ")");
            return verdict(stored, false, "Upstream rejected the credentials (HTTP " + status + ")");
        }
        if (status == 429) {
            return verdict(stored, false, "Upstream is rate limiting (HTTP 429)"
                    + response.header("Retry-After").map(after -> ", retry after " + after + " s").orElse(""));
        }
        return verdict(stored, false, "Upstream answered HTTP " + status);
    }

    /** Every test that ran is recorded on the credentials (when there are any): a failed test leaves them not valid. */
    private Result verdict(Optional<Credential> stored, boolean valid, String message) {
        Instant at = stored.map(credential -> credentials.recordVerdict(credential.id(), valid))
                .map(Credential::validatedAt).orElse(valid ? Instant.now() : null);
        return new Result(valid, message, at);
    }

    private static String describe(ValidationFailed failed) {
        return failed.errors().entrySet().stream()
                .map(e -> e.getKey() + " " + String.join(", ", e.getValue()))
                .collect(Collectors.joining("; "));
    }

    private static UnknownResource notFound() {
        return new UnknownResource("Integration or credentials not found");
    }
}
