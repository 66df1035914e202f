package dev.hollerith.security.boundary;

import dev.hollerith.platform.control.NotAuthenticated;
import dev.hollerith.security.control.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The authenticated {@link Caller} of this request. Looked up when asked, not at injection, so
 * that public resources can be built for anonymous requests.
 */
@RequestScoped
public class CurrentCaller {

    @Inject
    HttpServletRequest request;

    /** For singleton resources on hot paths: the caller from JAX-RS's security context, without a request-scoped bean. */
    public static Caller of(jakarta.ws.rs.core.SecurityContext security) {
        if (security != null && security.getUserPrincipal() instanceof Caller known) {
            return known;
        }
        throw new NotAuthenticated("Authentication required: send Authorization: Bearer <token>");
    }

    public Caller get() {
        Object caller = request.getAttribute(Caller.class.getName());
        if (caller instanceof Caller known) {
            return known;
        }
        throw new NotAuthenticated("Authentication required: send Authorization: Bearer <token>");
    }
}
