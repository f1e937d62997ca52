package io.pinconv.delivery;

import io.pinconv.activation.RunLifecycle;
import io.pinconv.mapping.ConversionEvent;
import io.pinconv.pinterest.EventOutcome;
import io.pinconv.pinterest.PinterestAnswer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.Variable;
import org.springframework.stereotype.Component;

/**
 * Pinterest refused a whole request (400): one bad event spoils the batch, so delivery.yaml sends each
 * half again, until the events Pinterest refuses stand alone and are rejected with its words, while
 * the others are delivered.
 */
@Component
public class RequestRefusals {

    /**
     * The halvings a chunk has left, shared by the split copies of its exchange: an exchange property, as Camel's
     * split gives its copies the parent's properties (the same counter), not the variables set on the way.
     */
    static final String HALVINGS_LEFT = "halvingsLeft";

    private final OutcomeRecorder outcomes;
    private final int maxHalvings;

    public RequestRefusals(OutcomeRecorder outcomes, io.pinconv.config.ConversionsProperties properties) {
        this.outcomes = outcomes;
        this.maxHalvings = properties.delivery().maxHalvings();
    }

    /**
     * A refused request of several events is sent again in halves, while the chunk has halvings left; a lone
     * event, or the events of a chunk that has used them up (Pinterest refuses it throughout: halving down to
     * each event would cost two requests per event), are rejected with Pinterest's words.
     */
    public boolean canHalve(Exchange exchange, @Variable(PinterestRequests.EVENTS) List<ConversionEvent> events) {
        if (events.size() <= 1) {
            return false;
        }
        AtomicInteger left = exchange.getProperty(HALVINGS_LEFT, AtomicInteger.class);
        if (left == null) {
            left = new AtomicInteger(maxHalvings);
            exchange.setProperty(HALVINGS_LEFT, left);
        }
        return left.getAndDecrement() > 0;
    }

    public List<List<ConversionEvent>> halves(@Variable(PinterestRequests.EVENTS) List<ConversionEvent> events) {
        int middle = events.size() / 2;
        return List.of(List.copyOf(events.subList(0, middle)), List.copyOf(events.subList(middle, events.size())));
    }

    /** A request of one event refused as a whole: that event is rejected with Pinterest's words. */
    public void refuseSingle(
            @Variable(RunLifecycle.ACTIVATION) String activationId,
            @Variable(RunLifecycle.RUN_ID) long runId,
            @Variable(PinterestRequests.EVENTS) List<ConversionEvent> events,
            PinterestAnswer answer,
            @Variable(io.pinconv.activation.Settlement.VARIABLE) io.pinconv.activation.Settlement settlement) {
        outcomes.record(
                activationId,
                runId,
                events,
                events.stream()
                        .map(e -> new EventOutcome(e.eventId(), false, answer.refusal(), null))
                        .toList());
        io.pinconv.activation.Settlement.settled(
                settlement, events.stream().map(ConversionEvent::eventId).toList());
    }
}
