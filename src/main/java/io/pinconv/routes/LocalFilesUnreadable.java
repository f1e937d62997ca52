package io.pinconv.routes;

import java.io.File;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.TypeConverterRegistry;

/**
 * No route step turns text into a file, a path or a URL: Camel's type converters would, and then read it
 * when the body is converted on (to a String, or by the HTTP producer), so {@code /proc/self/environ} or the
 * configuration file's path became their content. The service converts no such value through Camel, so the
 * converters are removed from the context itself rather than forbidding each way a route could ask for them
 * ({@code convertBodyTo}, {@code bodyAs(...)}, an expression's resultType...).
 */
final class LocalFilesUnreadable {

    static final List<Class<?>> REMOVED_TARGETS = List.of(File.class, Path.class, URL.class);

    private LocalFilesUnreadable() { }

    static void install(CamelContext camel) {
        TypeConverterRegistry registry = camel.getTypeConverterRegistry();
        for (Class<?> target : REMOVED_TARGETS) {
            for (Class<?> from : List.copyOf(registry.lookup(target).keySet())) {
                registry.removeTypeConverter(target, from);
            }
        }
    }
}
