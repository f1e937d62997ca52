package io.pinconv.routes;

import java.io.File;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.TypeConversionException;
import org.apache.camel.spi.TypeConverterRegistry;
import org.apache.camel.support.TypeConverterSupport;

/**
 * No route step turns text into a file, a path, a URL or a Spring resource: converted on (to a String, or by
 * the HTTP producer), such a value is read, so {@code /proc/self/environ} or the configuration file's path
 * became their content. Camel Spring Boot hands conversions Camel has no converter for to Spring's conversion
 * service, which makes a File of any String; so the targets get a converter of their own, for text and for any
 * object, that refuses, and Camel's own converters to them are removed. The service converts no such value
 * through Camel. Done on the context itself, rather than forbidding each way a route could ask for it
 * ({@code convertBodyTo}, {@code bodyAs(...)}, an expression's resultType...).
 */
final class LocalFilesUnreadable {

    static final List<Class<?>> REFUSED_TARGETS = targets();

    private LocalFilesUnreadable() {}

    private static List<Class<?>> targets() {
        List<Class<?>> t = new ArrayList<>(List.of(File.class, Path.class, URL.class));
        try {
            t.add(Class.forName("org.springframework.core.io.Resource"));
        } catch (ClassNotFoundException e) {
            // no Spring, no resources
        }
        return List.copyOf(t);
    }

    static void install(CamelContext camel) {
        TypeConverterRegistry registry = camel.getTypeConverterRegistry();
        for (Class<?> target : REFUSED_TARGETS) {
            for (Class<?> from : List.copyOf(registry.lookup(target).keySet())) {
                registry.removeTypeConverter(target, from);
            }
            for (Class<?> from : List.of(String.class, CharSequence.class, Object.class, byte[].class)) {
                registry.addTypeConverter(target, from, Refused.INSTANCE);
            }
        }
    }

    private static final class Refused extends TypeConverterSupport {

        static final Refused INSTANCE = new Refused();

        @Override
        public <T> T convertTo(Class<T> type, Exchange exchange, Object value) {
            throw new TypeConversionException(
                    value == null ? null : value.getClass().getSimpleName(),
                    type,
                    new IllegalArgumentException("routes may not turn values into a " + type.getSimpleName()
                            + ": files, paths and URLs are not theirs to read"));
        }
    }
}
