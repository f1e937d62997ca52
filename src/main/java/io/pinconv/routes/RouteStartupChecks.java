package io.pinconv.routes;

import io.pinconv.activation.ActivationRoutes;
import io.pinconv.delivery.DeliveryRoutes;
import io.pinconv.egress.HttpEgressGuard;
import io.pinconv.routes.RouteValidator.RoutesRefused;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Before Camel loads the routes at startup: installs the guards in the live context and checks every route
 * file Camel is about to load (the folder's, or the packaged ones) as a reload would (RouteValidator), so that
 * a file that breaks the rules stops the startup before any of it runs. Camel Spring Boot loads the routes on the
 * context refresh (CamelSpringBootApplicationListener, LOWEST_PRECEDENCE - 2); this listener goes first.
 */
@Component
public class RouteStartupChecks
        implements ApplicationListener<ContextRefreshedEvent>, CamelContextConfiguration, Ordered {

    private static final Logger log = LoggerFactory.getLogger(RouteStartupChecks.class);

    static final String INCLUDE_PATTERN = "camel.main.routes-include-pattern";
    // Camel's own default, when the setting is absent
    private static final String CAMEL_DEFAULT = "classpath:camel/*,classpath:camel-template/*,classpath:camel-rest/*";

    private final ApplicationContext spring;
    private final CamelContext camel;
    private final RouteValidator validator;
    private final Consumer<CamelContext> templates;
    private final Environment env;
    private final HttpEgressGuard egress;
    private final AtomicBoolean done = new AtomicBoolean();

    @Autowired
    public RouteStartupChecks(
            ApplicationContext spring,
            CamelContext camel,
            RouteValidator validator,
            ActivationRoutes activations,
            DeliveryRoutes deliveries,
            Environment env,
            HttpEgressGuard egress) {
        this(
                spring,
                camel,
                validator,
                check -> {
                    deliveries.addRoutesForValidation(check);
                    activations.addTriggersForValidation(check);
                },
                env,
                egress);
    }

    /** @param templates instantiates the route templates as the service will, in the context routes are checked in */
    RouteStartupChecks(
            ApplicationContext spring,
            CamelContext camel,
            RouteValidator validator,
            Consumer<CamelContext> templates,
            Environment env,
            HttpEgressGuard egress) {
        this.egress = egress;
        this.spring = spring;
        this.camel = camel;
        this.validator = validator;
        this.templates = templates;
        this.env = env;
    }

    @Override
    public void onApplicationEvent(ContextRefreshedEvent event) {
        // as Camel does: a child context (the management server's) refreshes too, the routes are loaded once
        if (event.getApplicationContext() != spring || !camel.getStatus().isStopped()) {
            return;
        }
        checkBeforeRoutesLoad();
    }

    /**
     * Camel Spring Boot calls this right before it loads the routes and starts; the refresh event above is the
     * fallback for a context built without it. Seen in tests: with two application contexts in one JVM, the second
     * one's Camel had started before the refresh event reached this listener, and nothing was installed.
     */
    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        if (camelContext == camel) {
            checkBeforeRoutesLoad();
        }
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        // nothing: everything is in place before the routes load
    }

    private void checkBeforeRoutesLoad() {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        RouteGuards.install(camel, egress);
        String patterns = env.getProperty(INCLUDE_PATTERN, CAMEL_DEFAULT);
        int files = vetFiles(patterns);
        log.debug("Route files checked before loading: {} ({})", files, patterns);
    }

    int vetFiles(String patterns) {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(spring.getClassLoader());
        List<RouteFolder.RouteFile> files = new ArrayList<>();
        for (String pattern : patterns.split(",")) {
            if (pattern.isBlank()) {
                continue;
            }
            try {
                for (Resource r : resolver.getResources(pattern.strip())) {
                    if (!r.isReadable()) {
                        continue;
                    }
                    String name = r.getFilename() == null ? pattern : r.getFilename();
                    if (!name.endsWith(".yaml") && !name.endsWith(".yml")) {
                        throw new IllegalStateException("The route file " + name + " (" + INCLUDE_PATTERN + "="
                                + patterns + ") cannot be checked: route files must be YAML (*.yaml)");
                    }
                    String content = r.getContentAsString(StandardCharsets.UTF_8);
                    // a URL for a location: Camel picks the loader by its extension (a description ends in "]")
                    files.add(new RouteFolder.RouteFile(name, r.getURL().toString(), content));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the route files " + pattern + ": " + e.getMessage(), e);
            }
        }
        try {
            // as a reload checks them: the text, then what Camel builds from it, in a context of its own
            validator.validate(files, templates);
        } catch (RoutesRefused e) {
            throw new IllegalStateException("The routes are refused, the service does not start: " + e.getMessage(), e);
        }
        return files.size();
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
