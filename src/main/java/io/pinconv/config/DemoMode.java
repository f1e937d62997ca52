package io.pinconv.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Starts the demo when nothing is configured: no activation and no database. The demo's properties
 * come after command-line arguments and environment variables, before the application's own files; configuring either an activation or a database turns
 * the demo off entirely (its activation would otherwise merge into yours). {@code conversions.demo=false}
 * turns it off too. The demo listens on 127.0.0.1 only, its management port too when it has one of its own: its
 * login, demo/demo, is in the README. Its database is
 * a PostgreSQL the service starts itself ({@link DemoDatabase}).
 */
public class DemoMode implements EnvironmentPostProcessor, Ordered {

    public static final String SOURCE = "classpath:demo/demo.yml (demo: nothing configured)";
    public static final String ACTIVE = "conversions.demo-active";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        Binder binder = Binder.get(env);
        boolean hasActivations = !binder.bind("conversions.activations", Bindable.mapOf(String.class, Object.class))
                .orElse(java.util.Map.of())
                .isEmpty();
        boolean hasDatabase = env.containsProperty("spring.datasource.url");
        boolean allowed = env.getProperty("conversions.demo", Boolean.class, true);
        if (hasActivations || hasDatabase || !allowed) {
            return;
        }
        java.nio.file.Path dataDir = java.nio.file.Path.of(env.getProperty(
                        DemoDatabase.DATA_DIR, System.getProperty("user.home") + "/.pinterest-conversions/demo-db"))
                .toAbsolutePath();
        String url = DemoDatabase.start(dataDir, env.getProperty(DemoDatabase.CLEAN, Boolean.class, false));
        // the demo's login is known to everyone: it listens on loopback, whatever server.address says, and so does a
        // management port of its own (management.server.port: the actuator, Hawtio and Jolokia move there). Without
        // one, management.server.address must stay unset: Spring Boot refuses to start when it is set while the
        // actuator shares the service's port ("Management-specific server address cannot be configured ...")
        java.util.Map<String, Object> loopback = new java.util.HashMap<>(java.util.Map.of(
                "server.address",
                "127.0.0.1",
                ACTIVE,
                "true",
                "spring.datasource.url",
                url,
                "spring.datasource.username",
                "postgres",
                "spring.datasource.password",
                "",
                DemoDatabase.DATA_DIR,
                dataDir.toString()));
        if (ManagementPortType.get(env) == ManagementPortType.DIFFERENT) {
            loopback.put("management.server.address", "127.0.0.1");
        }
        env.getPropertySources()
                .addFirst(new org.springframework.core.env.MapPropertySource("demo: loopback only", loopback));
        try {
            // after command-line arguments and environment variables, before application.yml
            String firstConfigFile = env.getPropertySources().stream()
                    .map(PropertySource::getName)
                    .filter(name -> name.startsWith("Config resource"))
                    .findFirst()
                    .orElse(null);
            for (PropertySource<?> source :
                    new YamlPropertySourceLoader().load(SOURCE, new ClassPathResource("demo/demo.yml"))) {
                if (firstConfigFile == null) {
                    env.getPropertySources().addLast(source);
                } else {
                    env.getPropertySources().addBefore(firstConfigFile, source);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the demo configuration is part of the jar", e);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
