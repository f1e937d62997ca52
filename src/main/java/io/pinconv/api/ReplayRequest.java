package io.pinconv.api;

import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The body of {@code POST /api/activations/{id}/replay}, read strictly: every mistake answers 400 with
 * what to write instead, never a 500.
 *
 * @param eventIds the events to send again, or null for a time range
 * @param from     start of the range of event times (inclusive), or null for named events
 * @param to       end of the range (exclusive), or null for named events
 * @param reason   why, cleaned by {@link Reasons}
 */
public record ReplayRequest(List<String> eventIds, Instant from, Instant to, String reason) {

    /** Ids bound as one array parameter; the bound keeps one call's statement and log line small. */
    public static final int MAX_EVENT_IDS = 10_000;
    /** Longer than any id a segment gives (order numbers, UUIDs, the 32 hex digits of a derived id). */
    public static final int MAX_EVENT_ID_LENGTH = 256;

    static final String DEFAULT_REASON = "requested through the API";
    static final String INSTANT_FORMAT = "an ISO-8601 instant, e.g. 2026-11-30T00:00:00Z";

    public static ReplayRequest of(Map<String, Object> body) {
        Object reasonValue = body.get("reason");
        if (reasonValue != null && !(reasonValue instanceof String)) {
            throw new IllegalArgumentException("reason must be a string");
        }
        String reason = Reasons.clean((String) reasonValue);
        reason = reason == null ? DEFAULT_REASON : reason;
        boolean named = body.get("eventIds") != null;
        boolean range = body.get("from") != null || body.get("to") != null;
        if (named && range) {
            throw new IllegalArgumentException("give eventIds, or from and to, not both");
        }
        if (named) {
            return new ReplayRequest(eventIds(body.get("eventIds")), null, null, reason);
        }
        if (body.get("from") == null || body.get("to") == null) {
            throw new IllegalArgumentException(
                    "give eventIds (an array of event ids), or from and to (" + INSTANT_FORMAT + ")");
        }
        return new ReplayRequest(null, instant("from", body.get("from")), instant("to", body.get("to")), reason);
    }

    private static List<String> eventIds(Object value) {
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("eventIds must be an array of event ids, e.g. [\"A-1001\"]");
        }
        if (list.size() > MAX_EVENT_IDS) {
            throw new IllegalArgumentException(
                    String.format(Locale.ROOT, "at most %,d eventIds per call (found %,d)", MAX_EVENT_IDS, list.size())
                            + ": send them in several calls, or give a time range with from and to");
        }
        List<String> ids = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            Object id = list.get(i);
            // numbers are accepted as the segment's numeric ids are: the ledger keeps every id as text
            if (id instanceof String || id instanceof Integer || id instanceof Long || id instanceof BigInteger) {
                String text = id.toString();
                int length = text.codePointCount(0, text.length());
                if (length > MAX_EVENT_ID_LENGTH) {
                    throw new IllegalArgumentException(String.format(
                            Locale.ROOT,
                            "eventIds[%d] is %,d characters long: an event id is" + " at most %d characters",
                            i,
                            length,
                            MAX_EVENT_ID_LENGTH));
                }
                ids.add(text);
            } else {
                throw new IllegalArgumentException("eventIds must hold event ids, strings or whole numbers (found "
                        + (id == null ? "null" : jsonType(id)) + ")");
            }
        }
        return ids;
    }

    private static Instant instant(String field, Object value) {
        if (value instanceof String text) {
            try {
                return Instant.parse(text.strip());
            } catch (DateTimeParseException e) {
                // fall through to the message below
            }
        }
        throw new IllegalArgumentException(field + " must be " + INSTANT_FORMAT);
    }

    private static String jsonType(Object value) {
        return value instanceof Map
                ? "an object"
                : value instanceof List
                        ? "an array"
                        : value instanceof Boolean
                                ? "a boolean"
                                : value instanceof Number ? "a number with a fraction" : "a value of another type";
    }
}
