package io.pinconv.delivery;

import io.pinconv.activation.Activation;
import io.pinconv.activation.ActivationCatalog;
import io.pinconv.activation.RunFailures;
import io.pinconv.activation.RunLifecycle;
import io.pinconv.config.ConversionsProperties;
import io.pinconv.config.DeliveryProperties;
import io.pinconv.ledger.PendingEvents;
import io.pinconv.mapping.ConversionEvent;
import io.pinconv.pinterest.DestinationRefusedException;
import io.pinconv.pinterest.TransientDeliveryException;
import java.time.Clock;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Runs on every failed delivery attempt, before Camel decides on a retry (the delivery policy's
 * onExceptionOccurred): honours Pinterest's Retry-After (bounded), counts the request, and pauses a
 * destination whose token was refused. The circuit breaker counts the attempt by itself (the
 * circuitBreaker EIP of the destination's route). After the last attempt, the park-events route
 * (error-channels.yaml) calls {@link #recordPending}, which writes the chunk's events to the pending
 * store with the cause.
 */
@Component("deliveryFailures")
public class DeliveryFailures implements Processor {

    private final ActivationCatalog catalog;
    private final DestinationGuard guard;
    private final PendingEvents pending;
    private final DeliveryProperties policy;
    private final Clock clock;
    private final io.pinconv.monitoring.DeliveryMetrics metrics;

    public DeliveryFailures(
            ActivationCatalog catalog,
            DestinationGuard guard,
            PendingEvents pending,
            ConversionsProperties properties,
            io.pinconv.monitoring.DeliveryMetrics metrics,
            Clock clock) {
        this.metrics = metrics;
        this.catalog = catalog;
        this.guard = guard;
        this.pending = pending;
        this.policy = properties.delivery();
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        Throwable cause = cause(exchange);
        Activation activation = catalog.get(exchange.getVariable(RunLifecycle.ACTIVATION, String.class));
        guard.observeFailure(exchange, activation, cause);
        if (cause instanceof TransientDeliveryException t && t.retryAfterSeconds() != null) {
            long seconds =
                    Math.min(t.retryAfterSeconds(), policy.maxRetryAfter().toSeconds());
            exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, seconds * 1000);
        } else if (cause instanceof DestinationRefusedException refused) {
            guard.refused(activation, refused);
        }
    }

    /** The chunk could not be delivered: its events wait in the pending store, with why, for the next run. */
    @SuppressWarnings("unchecked")
    public void recordPending(Exchange exchange) {
        Throwable cause = cause(exchange);
        List<ConversionEvent> events = exchange.getVariable(PinterestRequests.EVENTS, List.class);
        if (events == null || events.isEmpty()) {
            return;
        }
        String activationId = exchange.getVariable(RunLifecycle.ACTIVATION, String.class);
        long runId = exchange.getVariable(RunLifecycle.RUN_ID, Long.class);
        pending.record(
                activationId,
                runId,
                events.stream().map(ConversionEvent::eventId).toList(),
                RunFailures.describe(cause),
                clock.instant());
        io.pinconv.activation.Settlement.settled(
                exchange, events.stream().map(ConversionEvent::eventId).toList());
        metrics.parked(activationId, events.size());
    }

    /**
     * The failure, as thrown: the circuitBreaker EIP hands a checked exception (an IOException of the HTTP call,
     * Jackson's on an unreadable answer) to Resilience4j wrapped in a RuntimeCamelException, and sets that wrapper
     * on the exchange.
     */
    static Throwable cause(Exchange exchange) {
        Throwable t = exchange.getException();
        t = t != null ? t : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        while (t instanceof org.apache.camel.RuntimeCamelException && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
