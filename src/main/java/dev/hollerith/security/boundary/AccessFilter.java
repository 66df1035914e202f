package dev.hollerith.security.boundary;

import dev.hollerith.platform.control.NotAuthenticated;
import dev.hollerith.platform.control.NotPermitted;
import jakarta.annotation.Priority;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;

/**
 * Enforces {@code @RolesAllowed} / {@code @PermitAll} on every resource method before it runs,
 * with the status codes of API.md: 401 without a valid token, 403 for a role that may not.
 * A method with neither annotation is for admins only: forgetting one fails closed.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class AccessFilter implements ContainerRequestFilter {

    @Context
    ResourceInfo resource;

    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        if (method == null || method.isAnnotationPresent(PermitAll.class)) {
            return;
        }
        RolesAllowed allowed = method.getAnnotation(RolesAllowed.class);
        if (allowed == null) {
            if (resource.getResourceClass().isAnnotationPresent(PermitAll.class)) {
                return;
            }
            allowed = resource.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        String[] roles = allowed == null ? new String[] {"admin"} : allowed.value();
        SecurityContext security = request.getSecurityContext();
        if (security.getUserPrincipal() == null) {
            throw new NotAuthenticated(servletRequest.getAttribute(BearerAuthentication.INVALID_TOKEN) != null
                    ? "Invalid, expired or revoked token"
                    : "Authentication required: send Authorization: Bearer <token>");
        }
        for (String role : roles) {
            if (security.isUserInRole(role)) {
                return;
            }
        }
        throw new NotPermitted("Forbidden: this needs one of the roles " + String.join(", ", roles));
    }
}
