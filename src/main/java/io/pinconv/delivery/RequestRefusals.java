package io.pinconv.delivery;

import io.pinconv.activation.RunLifecycle;
import io.pinconv.pinterest.ConversionEvent;
import io.pinconv.pinterest.EventOutcome;
import io.pinconv.pinterest.PinterestAnswer;
import java.util.List;
import org.apache.camel.Variable;
import org.springframework.stereotype.Component;

/**
 * Pinterest refused a whole request (400): one bad event spoils the batch, so delivery.yaml sends each
 * half again, until the events Pinterest refuses stand alone and are rejected with its words, while
 * the others are delivered.
 */
@Component
public class RequestRefusals {

    private final OutcomeRecorder outcomes;

    public RequestRefusals(OutcomeRecorder outcomes) {
        this.outcomes = outcomes;
    }

    /** A refused request of several events is sent again in halves; a lone event is rejected. */
    public boolean canHalve(@Variable(PinterestRequests.EVENTS) List<ConversionEvent> events) {
        return events.size() > 1;
    }

    public List<List<ConversionEvent>> halves(@Variable(PinterestRequests.EVENTS) List<ConversionEvent> events) {
        int middle = events.size() / 2;
        return List.of(List.copyOf(events.subList(0, middle)), List.copyOf(events.subList(middle, events.size())));
    }

    /** A request of one event refused as a whole: that event is rejected with Pinterest's words. */
    public void refuseSingle(@Variable(RunLifecycle.ACTIVATION) String activationId, @Variable(RunLifecycle.RUN_ID) long runId,
                             @Variable(PinterestRequests.EVENTS) List<ConversionEvent> events, PinterestAnswer answer) {
        outcomes.record(activationId, runId, events,
                events.stream().map(e -> new EventOutcome(e.eventId(), false, answer.refusal(), null)).toList());
    }
}
