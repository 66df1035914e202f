package dev.hollerith.security.boundary;

import dev.hollerith.security.control.BearerCredential;
import dev.hollerith.security.control.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Reads {@code Authorization: Bearer <token>}. A request without one, or with an invalid one,
 * goes on anonymously and the {@link AccessFilter} answers 401 where a role is required: the
 * mechanism never writes a response itself, so every error keeps the JSON shape of API.md.
 */
@ApplicationScoped
public class BearerTokenMechanism implements HttpAuthenticationMechanism {

    static final String INVALID_TOKEN = "hollerith.invalid-token";

    @Inject
    IdentityStoreHandler identityStores;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return context.doNothing();
        }
        CredentialValidationResult result = identityStores.validate(new BearerCredential(header.substring(7).trim()));
        if (result.getStatus() == CredentialValidationResult.Status.VALID) {
            request.setAttribute(Caller.class.getName(), result.getCallerPrincipal());
            return context.notifyContainerAboutLogin(result);
        }
        request.setAttribute(INVALID_TOKEN, Boolean.TRUE);
        return context.doNothing();
    }
}
