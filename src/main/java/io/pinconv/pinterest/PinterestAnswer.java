package io.pinconv.pinterest;

import java.util.List;

/**
 * Pinterest's answer to a request it read: a verdict per event, or the request refused as a whole
 * (400 and the like) with Pinterest's words, which says nothing about which event was at fault.
 */
public record PinterestAnswer(List<EventOutcome> outcomes, String refusal) {

    public static PinterestAnswer of(List<EventOutcome> outcomes) {
        return new PinterestAnswer(List.copyOf(outcomes), null);
    }

    public static PinterestAnswer refused(String message) {
        return new PinterestAnswer(List.of(), message);
    }

    public boolean isRefused() {
        return refusal != null;
    }
}
