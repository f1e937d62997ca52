package io.pinconv.pinterest;

/**
 * Pinterest's verdict on one event of a request.
 *
 * @param processed whether Pinterest recorded the event
 * @param error     Pinterest's error_message for a failed event
 * @param warning   Pinterest's warning_message, kept even for processed events
 */
public record EventOutcome(String eventId, boolean processed, String error, String warning) {}
