package io.pinconv.delivery;

import io.pinconv.activation.RunLifecycle;
import io.pinconv.pinterest.ConversionEvent;
import io.pinconv.pinterest.EventOutcome;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Variable;
import org.springframework.stereotype.Component;

/**
 * Pinterest refused a whole request (400): one bad event spoils the batch, so the request is split in
 * halves and each sent again, until the events Pinterest refuses stand alone and are rejected with
 * its message, and the others are delivered.
 */
@Component
public class RequestRefusals {

    private final OutcomeRecorder outcomes;

    public RequestRefusals(OutcomeRecorder outcomes) {
        this.outcomes = outcomes;
    }

    public List<List<ConversionEvent>> halves(@Variable(PinterestRequests.EVENTS) List<ConversionEvent> events) {
        int middle = events.size() / 2;
        return List.of(List.copyOf(events.subList(0, middle)), List.copyOf(events.subList(middle, events.size())));
    }

    /** A request of one event refused as a whole: that event is rejected with Pinterest's words. */
    @SuppressWarnings("unchecked")
    public void refuseSingle(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        List<ConversionEvent> events = exchange.getVariable(PinterestRequests.EVENTS, List.class);
        String message = cause == null ? "refused" : cause.getMessage();
        outcomes.record(exchange.getVariable(RunLifecycle.ACTIVATION, String.class), exchange.getVariable(RunLifecycle.RUN_ID, Long.class),
                events, events.stream().map(e -> new EventOutcome(e.eventId(), false, message, null)).toList());
    }
}
