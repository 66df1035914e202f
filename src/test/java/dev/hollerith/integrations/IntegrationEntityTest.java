package dev.hollerith.integrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hollerith.integrations.entity.Credential;
import dev.hollerith.integrations.entity.CredentialScope;
import dev.hollerith.integrations.entity.IntegrationDefinition;
import dev.hollerith.integrations.entity.IntegrationType;
import dev.hollerith.integrations.entity.WidgetIntegration;
import jakarta.json.JsonValue;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IntegrationEntityTest {

    @Test
    void typesAndScopesUseTheSeedNames() {
        assertEquals(Optional.of(IntegrationType.PULL), IntegrationType.parse("pull"));
        assertEquals(Optional.of(IntegrationType.BOTH), IntegrationType.parse("both"));
        assertEquals(Optional.empty(), IntegrationType.parse("PULL"));
        assertEquals("organization", CredentialScope.ORGANIZATION.wireName());
        assertEquals(Optional.of(CredentialScope.WIDGET), CredentialScope.parse("widget"));
    }

    @Test
    void absentSchemasAndConfigsReadAsEmptyObjects() {
        WidgetIntegration rss = new WidgetIntegration(new IntegrationDefinition("rss-feed", "rss", null, IntegrationType.PULL,
                CredentialScope.WIDGET, null, null, null, 300, null, null, null, true));
        assertEquals(JsonValue.EMPTY_JSON_OBJECT, rss.credentialSchema());
        assertEquals(JsonValue.EMPTY_JSON_OBJECT, rss.pullConfig());
        assertTrue(rss.supportsPull());
        assertFalse(rss.supportsPush());
        assertTrue(rss.usesRssFetcher());
    }

    @Test
    void sealingContextBindsIntegrationAndOwner() {
        Credential org = Credential.ofOrganization(12, "o1");
        Credential config = Credential.ofWidgetConfig(12, "o1", "c1");
        assertEquals("credential:integration:12:org:o1", org.sealingContext());
        assertEquals("credential:integration:12:config:c1", config.sealingContext());
        assertNotEquals(Credential.ofOrganization(13, "o1").sealingContext(), org.sealingContext());
    }
}
