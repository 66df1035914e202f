package dev.hollerith.testing;

import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Test classes on the {@link SharedServer} first, then the rest, then those on the
 * {@link SharedCluster}, then those with {@link OwnServers} (each group stops the servers of the one
 * before): the shared server and the shared cluster boot once per test JVM whatever the order of the
 * files. Within a group by {@code @Order} (default last-but-one), then by class name, so that runs are
 * repeatable.
 * Configured in src/test/resources/junit-platform.properties.
 */
public final class ServerOrder implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparingInt(ServerOrder::group)
                .thenComparingInt(descriptor -> descriptor.findAnnotation(Order.class).map(Order::value).orElse(Order.DEFAULT))
                .thenComparing(descriptor -> descriptor.getTestClass().getName()));
    }

    private static int group(ClassDescriptor descriptor) {
        List<Class<? extends org.junit.jupiter.api.extension.Extension>> extensions = descriptor.findRepeatableAnnotations(ExtendWith.class)
                .stream().flatMap(extendWith -> List.of(extendWith.value()).stream()).toList();
        if (extensions.contains(SharedServer.class)) {
            return 0;
        }
        if (extensions.contains(SharedCluster.class)) {
            return 2;
        }
        return extensions.contains(OwnServers.class) ? 3 : 1;
    }
}
