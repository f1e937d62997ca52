package io.pinconv.delivery;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.pinconv.activation.DestinationCircuits;
import io.pinconv.activation.DestinationResumed;
import io.pinconv.config.ConversionsProperties;
import io.pinconv.monitoring.DeliveryMetrics;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.component.resilience4j.ResilienceProcessor;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The circuit breakers of the destinations, as the circuitBreaker EIP of each {@code deliver-to-<id>}
 * route holds them: read from the route's processor, so that health, metrics and operators see the
 * breaker that actually guards the calls, with the settings the route was given. The EIP creates it
 * when the route starts and drops it when the route is removed (a reload starts it closed).
 */
@Component
public class DestinationBreakers implements DestinationCircuits {

    private final CamelContext camel;

    public DestinationBreakers(CamelContext camel, ConversionsProperties properties, DeliveryMetrics metrics) {
        this.camel = camel;
        properties
                .destinations()
                .keySet()
                .forEach(id -> metrics.circuitState(id, () -> state(id).orElse(null)));
    }

    /** The breaker of a destination, while its route runs. */
    public Optional<CircuitBreaker> find(String destinationId) {
        ResilienceProcessor processor =
                camel.getProcessor(DeliveryRoutes.breakerId(destinationId), ResilienceProcessor.class);
        return processor == null ? Optional.empty() : Optional.ofNullable(processor.getCircuitBreaker());
    }

    /** CLOSED, OPEN, HALF_OPEN...; empty when the destination has no route (no ready activation sends to it). */
    @Override
    public Optional<String> state(String destinationId) {
        return find(destinationId).map(b -> b.getState().name());
    }

    /** Closes a destination's breaker, forgetting its failures (an operator's decision, or a test's). */
    public void reset(String destinationId) {
        find(destinationId).ifPresent(CircuitBreaker::reset);
    }

    /** An operator resumed the destination after its connection test passed: an open (or half-open) breaker closes. */
    @EventListener
    public void resumed(DestinationResumed resumed) {
        find(resumed.destinationId())
                .filter(b -> b.getState() != CircuitBreaker.State.CLOSED)
                .ifPresent(CircuitBreaker::reset);
    }
}
