package io.pinconv.routes;

import io.pinconv.activation.ActivationRoutes;
import io.pinconv.delivery.DeliveryRoutes;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.stereotype.Component;

/**
 * Adds the routes made from the files' templates once Camel has started (only then do the YAML templates
 * exist): the destinations' deliver-to routes, then the activations' triggers, then the scheduler. Both
 * kinds are put in place here, above the activation and delivery packages, so that neither knows the other.
 */
@Component
public class TemplateRoutesAtStart implements CamelContextConfiguration {

    private final ActivationRoutes activations;
    private final DeliveryRoutes deliveries;

    public TemplateRoutesAtStart(ActivationRoutes activations, DeliveryRoutes deliveries) {
        this.activations = activations;
        this.deliveries = deliveries;
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        // nothing before: the templates are loaded with the routes
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        activations.forgetTriggersOfRemovedActivations(camelContext);
        // the destinations' routes first: a trigger may fire as soon as it is added
        deliveries.addRoutes(camelContext);
        activations.scheduleReady(camelContext);
        ActivationRoutes.startScheduler(camelContext);
    }
}
