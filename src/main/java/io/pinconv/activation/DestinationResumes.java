package io.pinconv.activation;

import io.pinconv.ledger.DestinationStates;
import io.pinconv.monitoring.Alerts;
import io.pinconv.pinterest.ConnectionTests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Resumes a destination at once, on an operator's word, after testing it: a destination paused because Pinterest
 * refused its token (conversions.destination_state) would otherwise wait for its cool-down. When the connection test
 * passes, the pause is cleared for every instance, and this instance's circuit breaker for the destination is closed
 * (another instance's closes after its own wait-in-open); when it fails, the destination stays as it is.
 */
@Component
public class DestinationResumes {

    private static final Logger log = LoggerFactory.getLogger(DestinationResumes.class);

    /** What resuming did: the test's result, and whether the destination was paused before. */
    public record Outcome(boolean resumed, boolean wasPaused, ConnectionTests.Result test) {}

    private final ConnectionTests tests;
    private final DestinationStates states;
    private final ApplicationEventPublisher events;
    private final Alerts alerts;

    public DestinationResumes(
            ConnectionTests tests, DestinationStates states, ApplicationEventPublisher events, Alerts alerts) {
        this.tests = tests;
        this.states = states;
        this.events = events;
        this.alerts = alerts;
    }

    public Outcome resume(String destinationId) {
        ConnectionTests.Result test = tests.test(destinationId);
        boolean paused = states.refusal(destinationId).isPresent();
        if (test.failed()) {
            log.warn(
                    "Destination '{}' was not resumed: its connection test failed ({})", destinationId, test.message());
            return new Outcome(false, paused, test);
        }
        states.cleared(destinationId);
        events.publishEvent(new DestinationResumed(destinationId));
        alerts.tokenAccepted(destinationId);
        log.warn(
                "Destination '{}' resumed by an operator{} after its connection test: {}",
                destinationId,
                paused ? " (it was paused: Pinterest had refused its token)" : "",
                test.message());
        return new Outcome(true, paused, test);
    }
}
