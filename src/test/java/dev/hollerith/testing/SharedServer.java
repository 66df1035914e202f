package dev.hollerith.testing;

import java.lang.reflect.Field;
import java.net.URL;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;

/**
 * One Payara Micro with the packaged WAR for every black-box test class of the test JVM
 * ({@code @ExtendWith(SharedServer.class)}): a boot costs 10–20 s, a test class a few. The server
 * lives in the root store, so JUnit stops it when the JVM's tests are done (or when a class that
 * needs servers of its own asks for it, see {@link OwnServers}); the next class that needs it again
 * starts a new one on the same database.
 *
 * <p>A test gets the base URL in a field marked {@link BaseUrl} or as a {@code URL} parameter (the
 * server, for its log, as a {@link PayaraProcess} parameter). The
 * classes share one database and one data grid: a test creates its own organization, widget and
 * keys and never counts rows it did not create.
 */
public final class SharedServer implements BeforeAllCallback, TestInstancePostProcessor, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedServer.class);
    private static final String KEY = "server";

    /** The options every test server had under Arquillian (formerly arquillian.xml's cmdOptions). */
    static PayaraProcess configured() {
        // punches fast, so a test that waits for the display waits milliseconds per column; every test
        // class sets up its integrations as the one admin, well over 100 a minute on a fast machine
        // (the organizations' limit stays the seed's 100, IntegrationsIT asserts it)
        return new PayaraProcess().property("hollerith.punchcard.column-delay-ms", "2").property("hollerith.punchcard.hold-ms", "300")
                .property("hollerith.ratelimit.admin-integrations-per-minute", "100000");
    }

    public static URL url(ExtensionContext context) {
        return server(context).url();
    }

    private static PayaraProcess server(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(KEY, key -> configured().start(), PayaraProcess.class);
    }

    /** Stops the shared server if it runs: a class that starts its own servers wants no other instance on the database. */
    static void stop(ExtensionContext context) {
        PayaraProcess server;
        try {
            server = context.getRoot().getStore(NAMESPACE).remove(KEY, PayaraProcess.class);
        } catch (RuntimeException bootFailed) {
            // the shared server never started (its classes already failed with the reason): nothing to stop
            return;
        }
        if (server != null) {
            server.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        url(context); // boot failures belong to the class, not to its first test
    }

    @Override
    public void postProcessTestInstance(Object testInstance, ExtensionContext context) throws IllegalAccessException {
        for (Class<?> type = testInstance.getClass(); type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (field.isAnnotationPresent(BaseUrl.class)) {
                    if (field.getType() != URL.class) {
                        throw new IllegalStateException("@BaseUrl must be on a field of type java.net.URL: " + field);
                    }
                    field.setAccessible(true);
                    field.set(testInstance, url(context));
                }
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == URL.class || parameter.getParameter().getType() == PayaraProcess.class;
    }

    /** The base URL, or the server itself for a test that reads its log. */
    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == URL.class ? url(context) : server(context);
    }
}
