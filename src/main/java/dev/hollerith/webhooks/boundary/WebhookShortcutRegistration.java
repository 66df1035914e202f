package dev.hollerith.webhooks.boundary;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.EnumSet;

/**
 * Puts {@link WebhookShortcut} after every filter the application declares: after the in-flight count
 * and the method guard (a shutting-down instance still turns deliveries away) and the bearer
 * authentication (which leaves anonymous requests alone).
 */
@WebListener
public class WebhookShortcutRegistration implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        FilterRegistration.Dynamic filter = event.getServletContext().addFilter("webhook-shortcut", WebhookShortcut.class);
        filter.setAsyncSupported(true);
        filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, WebhookShortcut.PREFIX + "*");
    }
}
