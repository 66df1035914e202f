package dev.hollerith.security.boundary;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.EnumSet;

/**
 * Puts {@link BearerAuthentication} before every filter the application declares (annotated
 * filters have no defined order among themselves), so that a filter such as the metrics guard
 * can ask the request for its caller's role.
 */
@WebListener
public class AuthenticationRegistration implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        FilterRegistration.Dynamic filter = event.getServletContext().addFilter("bearer-authentication", BearerAuthentication.class);
        filter.setAsyncSupported(true);
        filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
    }
}
