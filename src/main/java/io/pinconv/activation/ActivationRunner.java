package io.pinconv.activation;

import io.pinconv.ledger.RunSummary;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/** Runs an activation now, outside its schedule, through the same route its schedule uses. */
@Component
public class ActivationRunner {

    public static final String RUN_ROUTE = "direct:run-activation";

    private final ProducerTemplate producer;
    private final ActivationCatalog catalog;

    public ActivationRunner(ProducerTemplate producer, ActivationCatalog catalog) {
        this.producer = producer;
        this.catalog = catalog;
    }

    /** Runs to the end and answers the run's summary; null when the run did not start (paused, or another in progress). */
    public RunSummary runNow(String activationId) {
        catalog.get(activationId);
        Exchange done = producer.send(RUN_ROUTE, ex -> {
            ex.setVariable(RunLifecycle.ACTIVATION, activationId);
            ex.setVariable(Firings.VARIABLE, Firings.RUN_NOW);
        });
        return done.getMessage().getBody(RunSummary.class);
    }
}
