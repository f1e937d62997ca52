package io.pinconv.delivery;

import io.pinconv.activation.Batch;
import io.pinconv.mapping.ConversionEvent;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One request to a destination, as deliver-batch sends it (the {@value #VARIABLE} variable): the events of a batch
 * (or of a half of it), where they go, and whether they go at all (a dry run writes them out instead).
 *
 * @param destinationId the destination's id: deliver-batch sends to its route, deliver-to-{id}, whose HTTP client
 *                      adds its token
 * @param eventsUrl     the destination's events endpoint (its base-url and ad account)
 * @param query         the query string of the request (test mode), or null
 * @param attemptStarted when the attempt under way got past the rate limit (System.nanoTime), 0 before: how long
 *                      Pinterest took, and whether a failed attempt was a request at all
 */
public record Request(
        Batch batch, String destinationId, boolean dryRun, String eventsUrl, String query, AtomicLong attemptStarted) {

    public static final String VARIABLE = "request";

    public List<ConversionEvent> events() {
        return batch.events();
    }

    /** Counts only: the events are hashed, but a route file may log the request. */
    @Override
    public String toString() {
        return "request of " + events().size() + " events to destination '" + destinationId + "'";
    }
}
