package io.pinconv.delivery;

import io.pinconv.activation.Batch;
import io.pinconv.activation.Run;
import io.pinconv.activation.Settlement;
import io.pinconv.config.ConversionsProperties;
import io.pinconv.mapping.ConversionEvent;
import io.pinconv.pinterest.EventOutcome;
import io.pinconv.pinterest.PinterestAnswer;
import java.util.List;
import org.apache.camel.Body;
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
    private final int maxHalvings;

    public RequestRefusals(OutcomeRecorder outcomes, ConversionsProperties properties) {
        this.outcomes = outcomes;
        this.maxHalvings = properties.delivery().maxHalvings();
    }

    /**
     * A refused request of several events is sent again in halves, while the chunk has halvings left; a lone
     * event, or the events of a chunk that has used them up (Pinterest refuses it throughout: halving down to
     * each event would cost two requests per event), are rejected with Pinterest's words.
     */
    public boolean canHalve(@Variable(Request.VARIABLE) Request request) {
        return request.events().size() > 1 && request.batch().takeHalving(maxHalvings);
    }

    /** The two halves of the request's events, each sent as a batch of its own (deliver-half). */
    public List<Batch> halves(@Variable(Request.VARIABLE) Request request) {
        List<ConversionEvent> events = request.events();
        int middle = events.size() / 2;
        return List.of(
                request.batch().withEvents(List.copyOf(events.subList(0, middle))),
                request.batch().withEvents(List.copyOf(events.subList(middle, events.size()))));
    }

    /** A request of one event refused as a whole: that event is rejected with Pinterest's words. */
    public void refuseSingle(
            @Variable(Run.VARIABLE) Run run,
            @Variable(Request.VARIABLE) Request request,
            @Body PinterestAnswer answer) {
        List<ConversionEvent> events = request.events();
        outcomes.record(
                run,
                events,
                events.stream()
                        .map(e -> new EventOutcome(e.eventId(), false, answer.refusal(), null))
                        .toList());
        Settlement.settled(
                request.batch().settlement(),
                events.stream().map(ConversionEvent::eventId).toList());
    }
}
