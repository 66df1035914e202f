package dev.hollerith.platform.boundary;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * All resources live under the root context: {@code /dashboard}, {@code /api}, {@code /webhooks}
 * and the console at {@code /admin}. Roles must be declared or every caller gets 403 on Payara.
 */
@ApplicationPath("/")
@DeclareRoles({"admin", "member", "player", "punchcard"})
@OpenAPIDefinition(info = @Info(title = "Hollerith", version = "1.0",
        description = "Integration hub for display networks: integrations, credentials, widget data, "
                + "webhooks, clients and the punch-card display."))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "A session token from POST /dashboard/sessions or an organization API key")
public class HollerithApplication extends Application {

    /**
     * No WADL: Jersey would otherwise describe every resource at {@code /application.wadl} and in
     * its OPTIONS answers, in XML beside the JSON API; the API's description is {@code /openapi}.
     */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.wadl.disableWadl", true);
    }
}
