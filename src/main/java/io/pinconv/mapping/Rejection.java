package io.pinconv.mapping;

/**
 * A row held back, with what the user needs to fix it. The message never holds personal data.
 *
 * @param field       the Pinterest field at fault, or null when the row as a whole is at fault
 * @param payloadHash for an event Pinterest refused, a digest of what was sent, else null
 */
public record Rejection(String eventId, RejectionReason reason, String field, String message, String payloadHash) {

    public Rejection(String eventId, RejectionReason reason, String field, String message) {
        this(eventId, reason, field, message, null);
    }
}
