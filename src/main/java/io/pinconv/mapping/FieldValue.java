package io.pinconv.mapping;

/** What a field rule makes of one raw value: a value to send, nothing to send, or a reason to hold the row back. */
public sealed interface FieldValue {

    /** A value ready for the request body (a String, a Long or a List of Strings). */
    record Present(Object json) implements FieldValue {}

    /** Null, blank, or empty after normalisation: the key is left out of the event. */
    record Absent() implements FieldValue {}

    /**
     * The value cannot be sent as it is.
     *
     * @param valueClass what kind of value it was, never the value itself when it may be personal data
     * @param rule       the rule it breaks, in words a user can act on
     */
    record Invalid(String valueClass, String rule) implements FieldValue {}

    Absent ABSENT = new Absent();

    static FieldValue of(Object json) {
        return json == null ? ABSENT : new Present(json);
    }

    static FieldValue invalid(String valueClass, String rule) {
        return new Invalid(valueClass, rule);
    }
}
