package dev.hollerith.platform.boundary;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.http.HttpFilter;
import java.util.EnumSet;

/**
 * A servlet filter that must run before, or after, every filter the application declares: annotated
 * filters have no defined order among themselves, so such a filter registers itself instead. A subclass
 * is annotated {@code @WebListener}; the container makes one instance as that listener, which registers
 * the class, and another as the filter.
 */
public abstract class PlacedFilter extends HttpFilter implements ServletContextListener {

    /** Where the filter runs in the chain, relative to the declared filters. */
    protected enum Place {
        BEFORE_DECLARED, AFTER_DECLARED
    }

    protected abstract Place place();

    /** The one URL pattern the filter is mapped to (for {@link jakarta.servlet.DispatcherType#REQUEST} only). */
    protected abstract String urlPattern();

    @Override
    public void contextInitialized(ServletContextEvent event) {
        FilterRegistration.Dynamic filter = event.getServletContext().addFilter(getClass().getName(), getClass());
        filter.setAsyncSupported(true);
        filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), place() == Place.AFTER_DECLARED, urlPattern());
    }
}
