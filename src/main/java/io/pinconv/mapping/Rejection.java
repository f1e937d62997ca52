package io.pinconv.mapping;

/**
 * A row held back, with what the user needs to fix it. The message never holds personal data.
 *
 * @param field the Pinterest field at fault, or null when the row as a whole is at fault
 */
public record Rejection(String eventId, RejectionReason reason, String field, String message) { }
