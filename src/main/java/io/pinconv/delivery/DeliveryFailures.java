package io.pinconv.delivery;

import io.pinconv.activation.Run;
import io.pinconv.activation.RunFailures;
import io.pinconv.activation.Settlement;
import io.pinconv.config.ConversionsProperties;
import io.pinconv.config.DeliveryProperties;
import io.pinconv.ledger.PendingEvents;
import io.pinconv.mapping.ConversionEvent;
import io.pinconv.monitoring.DeliveryMetrics;
import io.pinconv.pinterest.DestinationRefusedException;
import io.pinconv.pinterest.TransientDeliveryException;
import java.time.Clock;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Processor;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.Variable;
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

    private final DestinationGuard guard;
    private final PendingEvents pending;
    private final DeliveryProperties policy;
    private final Clock clock;
    private final DeliveryMetrics metrics;

    public DeliveryFailures(
            DestinationGuard guard,
            PendingEvents pending,
            ConversionsProperties properties,
            DeliveryMetrics metrics,
            Clock clock) {
        this.metrics = metrics;
        this.guard = guard;
        this.pending = pending;
        this.policy = properties.delivery();
        this.clock = clock;
    }

    /**
     * Camel's onExceptionOccurred hook takes the exchange (a Processor), and this one needs it: the delay before the
     * next attempt is a header Camel's redelivery reads.
     */
    @Override
    public void process(Exchange exchange) {
        Throwable cause =
                cause(exchange.getException(), exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        Run run = exchange.getVariable(Run.VARIABLE, Run.class);
        guard.observeFailure(run, exchange.getVariable(Request.VARIABLE, Request.class), cause);
        if (cause instanceof TransientDeliveryException t && t.retryAfterSeconds() != null) {
            long seconds =
                    Math.min(t.retryAfterSeconds(), policy.maxRetryAfter().toSeconds());
            exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, seconds * 1000);
        } else if (cause instanceof DestinationRefusedException refused && run != null) {
            guard.refused(run.activation(), refused);
        }
    }

    /** The chunk could not be delivered: its events wait in the pending store, with why, for the next run. */
    public void recordPending(
            @Variable(Run.VARIABLE) Run run,
            @Variable(Request.VARIABLE) Request request,
            @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable caught) {
        if (request == null || request.events().isEmpty()) {
            return;
        }
        List<String> ids =
                request.events().stream().map(ConversionEvent::eventId).toList();
        pending.record(run.activationId(), run.id(), ids, RunFailures.describe(cause(null, caught)), clock.instant());
        Settlement.settled(request.batch().settlement(), ids);
        metrics.parked(run.activationId(), ids.size());
    }

    /**
     * The failure, as thrown: the circuitBreaker EIP hands a checked exception (an IOException of the HTTP call,
     * Jackson's on an unreadable answer) to Resilience4j wrapped in a RuntimeCamelException, and sets that wrapper
     * on the exchange.
     */
    static Throwable cause(Throwable thrown, Throwable caught) {
        Throwable t = thrown != null ? thrown : caught;
        while (t instanceof RuntimeCamelException && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
