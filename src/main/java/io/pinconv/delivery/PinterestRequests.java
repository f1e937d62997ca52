package io.pinconv.delivery;

import io.pinconv.activation.Activation;
import io.pinconv.activation.ActivationCatalog;
import io.pinconv.activation.RunLifecycle;
import io.pinconv.mapping.ConversionEvent;
import io.pinconv.pinterest.PinterestApi;
import java.util.List;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Turns a chunk's events into the HTTP request for its destination. The request names its destination by id
 * (the authorize step of delivery.yaml); the token itself is added inside the HTTP client (egress.HttpEgressGuard)
 * and never sits on the exchange.
 */
@Component
public class PinterestRequests {

    /** Exchange variables of the delivery route. */
    public static final String EVENTS = "events";

    public static final String DRY_RUN = "dryRun";
    public static final String EVENTS_URL = "eventsUrl";
    /** The destination's id: deliver-batch sends the request to its route, deliver-to-{id}. */
    public static final String DESTINATION = "destination";

    private final ActivationCatalog catalog;
    private final PinterestApi api;

    public PinterestRequests(ActivationCatalog catalog, PinterestApi api) {
        this.catalog = catalog;
        this.api = api;
    }

    @SuppressWarnings("unchecked")
    public void prepare(Exchange exchange) {
        Activation activation = catalog.get(exchange.getVariable(RunLifecycle.ACTIVATION, String.class));
        List<ConversionEvent> events = exchange.getMessage().getBody(List.class);
        exchange.setVariable(EVENTS, events);
        exchange.setVariable(DRY_RUN, activation.destination().dryRun());
        exchange.setVariable(EVENTS_URL, PinterestApi.eventsUrl(activation.destination()));
        exchange.setVariable(DESTINATION, activation.destinationId());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "POST");
        exchange.getMessage().setHeader(Exchange.HTTP_QUERY, PinterestApi.query(activation.destination()));
        exchange.getMessage().setBody(api.body(events));
    }
}
