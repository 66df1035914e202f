package dev.hollerith.widgetdata.boundary;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.EnumSet;

/**
 * Puts {@link CurrentVersionShortcut} after every filter the application declares: after the
 * bearer authentication (which gives it the caller) and after the in-flight count and the method
 * guard, so a shutting-down instance still turns polls away.
 */
@WebListener
public class ShortcutRegistration implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        FilterRegistration.Dynamic filter = event.getServletContext().addFilter("current-version-shortcut", CurrentVersionShortcut.class);
        filter.setAsyncSupported(true);
        filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, CurrentVersionShortcut.PREFIX + "*");
    }
}
