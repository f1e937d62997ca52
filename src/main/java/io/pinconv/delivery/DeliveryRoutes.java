package io.pinconv.delivery;

import io.pinconv.activation.ActivationCatalog;
import io.pinconv.config.BreakerProperties;
import io.pinconv.config.ConversionsProperties;
import io.pinconv.config.DeliveryProperties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.springframework.stereotype.Component;

/**
 * One {@code deliver-to-<destination>} route per destination that a ready activation sends to, from the
 * {@code deliver-to-destination} template of routes/delivery.yaml: its circuitBreaker EIP gets the
 * destination's breaker settings ({@code conversions.destinations.<id>.breaker.*}) as template
 * parameters, so each destination has a breaker of its own, visible in Hawtio under the route.
 */
@Component
public class DeliveryRoutes {

    public static final String TEMPLATE = "deliver-to-destination";

    private static final String VALIDATION_ID = "route-validation";

    private final ActivationCatalog catalog;
    private final ConversionsProperties properties;

    public DeliveryRoutes(ActivationCatalog catalog, ConversionsProperties properties) {
        this.catalog = catalog;
        this.properties = properties;
    }

    /** Adds the routes; called before the triggers are added, so that no run finds its destination's route missing. */
    public List<String> addRoutes(CamelContext camelContext) {
        List<String> ids = new ArrayList<>();
        destinations().forEach((id, breaker) -> {
            add(camelContext, id, breaker);
            ids.add(routeId(id));
        });
        return ids;
    }

    /**
     * Instantiates the template as {@link #addRoutes} would, in a context that checks routes before they go live;
     * once with the default settings when no destination is in use, so that a broken template is refused even then.
     */
    public void addRoutesForValidation(CamelContext camelContext) {
        Map<String, BreakerProperties> destinations = destinations();
        if (destinations.isEmpty()) {
            add(camelContext, VALIDATION_ID, BreakerProperties.unset().resolved(properties.delivery()));
            return;
        }
        destinations.forEach((id, breaker) -> add(camelContext, id, breaker));
    }

    private Map<String, BreakerProperties> destinations() {
        DeliveryProperties delivery = properties.delivery();
        Map<String, BreakerProperties> used = new LinkedHashMap<>();
        // an activation waiting for its source too: it runs as soon as the source answers
        catalog.destinationsInUse().forEach((id, d) -> used.put(id, d.breaker().resolved(delivery)));
        return used;
    }

    private static void add(CamelContext camelContext, String destinationId, BreakerProperties breaker) {
        TemplatedRouteBuilder.builder(camelContext, TEMPLATE)
                .routeId(routeId(destinationId))
                // the template's step ids start with this route id already (routes/delivery.yaml); without a prefix of
                // its own Camel would give the route one ("route-7") that JMX counts under and Hawtio never finds
                .prefixId("")
                .parameter("destinationId", destinationId)
                .parameter("destinationRoute", routeId(destinationId))
                .parameter("failureRate", String.valueOf(breaker.failureRate()))
                .parameter("slidingWindowSize", String.valueOf(breaker.slidingWindowSize()))
                .parameter("minimumCalls", String.valueOf(breaker.minimumCalls()))
                .parameter(
                        "waitInOpenSeconds", String.valueOf(breaker.waitInOpen().toSeconds()))
                .parameter("halfOpenCalls", String.valueOf(breaker.halfOpenCalls()))
                .add();
    }

    public static String routeId(String destinationId) {
        return "deliver-to-" + destinationId;
    }

    /**
     * The id of the circuitBreaker EIP of a destination's route (its Resilience4j breaker has the same name), as
     * routes/delivery.yaml writes it.
     */
    public static String breakerId(String destinationId) {
        return routeId(destinationId) + "-breaker";
    }

    public static boolean isDeliveryRoute(String routeId) {
        return routeId != null && routeId.startsWith("deliver-to-");
    }
}
