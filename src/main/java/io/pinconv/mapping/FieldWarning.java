package io.pinconv.mapping;

/**
 * A field left out of an event that was sent, because its value could not be normalised. The message
 * names the field and where its value came from, never the value.
 *
 * @param reason the code a rejection of the row would have had (invalid_value, contents_invalid...)
 */
public record FieldWarning(String eventId, String field, String reason, String message) {}
