package io.pinconv.activation;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One trigger route per ready activation, from the {@code activation-trigger} template of
 * routes/activation.yaml, added once the YAML routes (and so the template) are loaded.
 */
@Component
public class ActivationRoutes implements CamelContextConfiguration {

    public static final String TEMPLATE = "activation-trigger";

    private static final Logger log = LoggerFactory.getLogger(ActivationRoutes.class);

    private final ActivationCatalog catalog;

    public ActivationRoutes(ActivationCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        // routes are added after start, when the YAML templates exist
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        for (Activation activation : catalog.ready()) {
            TemplatedRouteBuilder.builder(camelContext, TEMPLATE)
                    .routeId(routeId(activation.id()))
                    .prefixId(activation.id() + "-")
                    .parameter("activationId", activation.id())
                    .parameter("schedule", activation.schedule())
                    .add();
            log.info("Activation '{}' scheduled ({}): segment {} -> {} events -> destination '{}'{}", activation.id(),
                    activation.schedule(), activation.segment(), activation.eventType(), activation.destinationId(),
                    activation.destination().dryRun() ? " (dry run)" : "");
        }
    }

    public static String routeId(String activationId) {
        return "activation-" + activationId;
    }
}
