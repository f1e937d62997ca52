package io.pinconv.pinterest;

import java.util.List;

/**
 * Pinterest's answer to a request it read: a verdict per event, or the request refused as a whole
 * (400 and the like) with Pinterest's words, which says nothing about which event was at fault; or,
 * inside the circuit breaker only, the destination's token refused (401, 403, 404), to be thrown once
 * out of it ({@link ResponseReader#throwIfTokenRefused}).
 */
public record PinterestAnswer(List<EventOutcome> outcomes, String refusal, DestinationRefusedException tokenRefusal) {

    public static PinterestAnswer of(List<EventOutcome> outcomes) {
        return new PinterestAnswer(List.copyOf(outcomes), null, null);
    }

    public static PinterestAnswer refused(String message) {
        return new PinterestAnswer(List.of(), message, null);
    }

    static PinterestAnswer tokenRefused(DestinationRefusedException e) {
        return new PinterestAnswer(List.of(), null, e);
    }

    public boolean isRefused() {
        return refusal != null;
    }
}
