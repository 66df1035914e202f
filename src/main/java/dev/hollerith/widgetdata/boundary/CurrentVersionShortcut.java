package dev.hollerith.widgetdata.boundary;

import dev.hollerith.platform.boundary.PlacedFilter;
import dev.hollerith.platform.control.InvalidRequest;
import dev.hollerith.security.control.Caller;
import dev.hollerith.widgetdata.control.DataBinding;
import dev.hollerith.widgetdata.control.DataVersions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The players' poll answered before JAX-RS: a {@code GET .../widget-configs/{id}/data} whose
 * {@code ?version=} or {@code If-None-Match} names the current version gets its 304 here, from the
 * same near caches and with the same headers as {@link WidgetDataResource}. Profiles of the 304
 * under load put about 60% of a request's CPU in Jersey (routing, HK2 look-ups, filter stages,
 * response building) against well under 1% in the answer itself, so the one answer a player sends
 * all day long skips it (docs/read-path.md).
 * <p>
 * Only the plain case is answered here: an authenticated caller with one of the resource's roles,
 * of the config's organization (or an admin), holding the current version. Everything else goes on
 * to {@link WidgetDataResource}, which owns every other answer and every error (401, 403, 404, 400
 * and 200), so no rule is written twice: the roles are read from the resource's annotation, and
 * binding, access and version come from the same {@link DataVersions} calls.
 * <p>
 * Registered after every filter the application declares: after the bearer authentication (which gives
 * it the caller) and after the in-flight count and the method guard, so a shutting-down instance still
 * turns polls away.
 */
@WebListener
public class CurrentVersionShortcut extends PlacedFilter {

    static final String PREFIX = "/dashboard/widget-configs/";
    static final String SUFFIX = "/data";
    private static final Set<String> ROLES = Set.copyOf(Arrays.asList(WidgetDataResource.class.getAnnotation(RolesAllowed.class).value()));

    @Inject
    DataVersions versions;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        OptionalLong current = "GET".equals(request.getMethod()) ? currentVersionHeld(request) : OptionalLong.empty();
        if (current.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
        response.setHeader("ETag", EntityTag.header(current.getAsLong()));
        response.setHeader("Cache-Control", WidgetDataResource.CACHE_CONTROL);
    }

    /** The current version when the caller may read it and already holds it; empty for anything the resource must answer. */
    private OptionalLong currentVersionHeld(HttpServletRequest request) {
        String widgetConfigId = widgetConfigId(request.getRequestURI(), request.getContextPath());
        if (widgetConfigId == null || !(request.getAttribute(Caller.class.getName()) instanceof Caller caller)
                || !ROLES.contains(caller.role().roleName())) {
            return OptionalLong.empty();
        }
        OptionalLong held;
        try {
            held = WidgetDataResource.parseVersion(request.getParameter("version"));
        } catch (InvalidRequest notANumber) {
            return OptionalLong.empty();
        }
        String ifNoneMatch = request.getHeader("If-None-Match");
        if (held.isEmpty() && ifNoneMatch == null) {
            return OptionalLong.empty();
        }
        Optional<DataBinding> binding = versions.binding(widgetConfigId);
        if (binding.isEmpty() || !binding.get().hasData() || !caller.canAccess(binding.get().organizationId())) {
            return OptionalLong.empty();
        }
        OptionalLong current = versions.current(binding.get());
        return WidgetDataResource.holdsCurrent(held, ifNoneMatch, current) ? current : OptionalLong.empty();
    }

    /** The id in {@code /dashboard/widget-configs/{id}/data}; null for any other path or an id JAX-RS would have to decode. */
    static String widgetConfigId(String uri, String contextPath) {
        int start = contextPath.length() + PREFIX.length();
        if (!uri.startsWith(PREFIX, contextPath.length()) || !uri.endsWith(SUFFIX) || uri.length() <= start + SUFFIX.length()) {
            return null;
        }
        String id = uri.substring(start, uri.length() - SUFFIX.length());
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c == '/' || c == '%' || c == ';') {
                return null;
            }
        }
        return id;
    }

    @Override
    protected Place place() {
        return Place.AFTER_DECLARED;
    }

    @Override
    protected String urlPattern() {
        return PREFIX + "*";
    }
}
