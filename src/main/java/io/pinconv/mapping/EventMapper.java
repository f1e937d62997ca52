package io.pinconv.mapping;

import io.pinconv.pinterest.ConversionEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns one segment row into a Pinterest event, or into a rejection that says what to fix.
 * Stateless: the verdict depends on the row, the mapping and the clock only.
 */
public final class EventMapper {

    /** Pinterest refuses events older than this. */
    public static final Duration MAX_AGE = Duration.ofDays(7);

    private EventMapper() { }

    /**
     * @param row     the row's values keyed by Pinterest field name
     * @param eventId the row's id, from {@link EventIds#of}
     * @param now     the time the row is judged at
     */
    public static RowVerdict map(ActivationMapping mapping, Map<String, Object> row, String eventId, Instant now) {
        if (eventId == null) {
            String rowId = EventIds.derived(mapping, row);
            return holdBack(rowId, RejectionReason.EVENT_ID_MISSING, "event_id",
                    "column '" + mapping.columns().get(PinterestField.EVENT_ID) + "' is empty; the row (id " + rowId
                            + " derived from its values) needs an event id");
        }

        Map<PinterestField, Object> values = new LinkedHashMap<>();
        Rejection firstInvalid = null;
        for (PinterestField field : mapping.columns().keySet()) {
            Object raw = row.get(field.fieldName());
            FieldValue v = raw == null ? FieldValue.ABSENT : field.rule().apply(raw, mapping.context());
            if (v instanceof FieldValue.Present p) {
                values.put(field, p.json());
            } else if (v instanceof FieldValue.Invalid inv && firstInvalid == null) {
                firstInvalid = invalid(eventId, mapping, field, inv);
            }
        }

        Rejection timeProblem = checkTime(eventId, mapping, values, firstInvalid, now);
        if (timeProblem != null) {
            return new RowVerdict.HoldBack(timeProblem);
        }
        if (!values.containsKey(PinterestField.ACTION_SOURCE) && !isAbout(firstInvalid, PinterestField.ACTION_SOURCE)) {
            return holdBack(eventId, RejectionReason.ACTION_SOURCE_MISSING, "action_source",
                    "column '" + mapping.columns().get(PinterestField.ACTION_SOURCE)
                            + "' is empty; it must be one of web, app_android, app_ios, offline");
        }
        if (firstInvalid != null) {
            return new RowVerdict.HoldBack(firstInvalid);
        }
        if (!hasIdentifier(values)) {
            return holdBack(eventId, RejectionReason.NO_IDENTIFIER, null,
                    "no identifier Pinterest can match: the row needs an email, or both a client IP address and a user agent");
        }
        if ("checkout".equals(mapping.eventType())) {
            if (!values.containsKey(PinterestField.VALUE)) {
                return holdBack(eventId, RejectionReason.VALUE_MISSING, "value",
                        "a checkout needs its value; " + emptyColumn(mapping, PinterestField.VALUE));
            }
            if (!values.containsKey(PinterestField.CURRENCY)) {
                return holdBack(eventId, RejectionReason.CURRENCY_MISSING, "currency",
                        "a checkout needs its currency; " + emptyColumn(mapping, PinterestField.CURRENCY));
            }
        }
        return new RowVerdict.Send(new ConversionEvent(eventId, json(mapping, eventId, values)));
    }

    private static Rejection checkTime(String eventId, ActivationMapping mapping, Map<PinterestField, Object> values,
                                       Rejection firstInvalid, Instant now) {
        if (isAbout(firstInvalid, PinterestField.EVENT_TIME)) {
            return new Rejection(eventId, RejectionReason.EVENT_TIME_INVALID, "event_time", firstInvalid.message());
        }
        Object seconds = values.get(PinterestField.EVENT_TIME);
        if (seconds == null) {
            return new Rejection(eventId, RejectionReason.EVENT_TIME_MISSING, "event_time",
                    "column '" + mapping.columns().get(PinterestField.EVENT_TIME) + "' is empty; every event needs its time");
        }
        Instant time = Instant.ofEpochSecond((Long) seconds);
        if (time.isAfter(now)) {
            return new Rejection(eventId, RejectionReason.EVENT_TIME_IN_FUTURE, "event_time",
                    "event time " + time + " is in the future (now " + now.getEpochSecond() + "s); Pinterest refuses it."
                            + " The row is judged again on every run");
        }
        if (time.isBefore(now.minus(MAX_AGE))) {
            return new Rejection(eventId, RejectionReason.EVENT_TIME_TOO_OLD, "event_time",
                    "event time " + time + " is more than 7 days old; Pinterest refuses older events");
        }
        return null;
    }

    private static boolean hasIdentifier(Map<PinterestField, Object> values) {
        return values.containsKey(PinterestField.EMAIL)
                || (values.containsKey(PinterestField.CLIENT_IP_ADDRESS) && values.containsKey(PinterestField.CLIENT_USER_AGENT));
    }

    private static Map<String, Object> json(ActivationMapping mapping, String eventId, Map<PinterestField, Object> values) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event_name", mapping.eventType());
        event.put("action_source", values.get(PinterestField.ACTION_SOURCE));
        event.put("event_time", values.get(PinterestField.EVENT_TIME));
        event.put("event_id", eventId);
        Map<String, Object> userData = new LinkedHashMap<>();
        Map<String, Object> customData = new LinkedHashMap<>();
        values.forEach((field, value) -> {
            switch (field.section()) {
                case USER_DATA -> userData.put(field.apiKey(), value);
                case CUSTOM_DATA -> customData.put(field.apiKey(), value);
                case EVENT -> event.putIfAbsent(field.apiKey(), value);
            }
        });
        event.put("user_data", userData);
        if (!customData.isEmpty()) {
            event.put("custom_data", customData);
        }
        return event;
    }

    private static Rejection invalid(String eventId, ActivationMapping mapping, PinterestField field, FieldValue.Invalid inv) {
        RejectionReason reason = field == PinterestField.ACTION_SOURCE ? RejectionReason.ACTION_SOURCE_INVALID
                : field == PinterestField.EVENT_TIME ? RejectionReason.EVENT_TIME_INVALID
                : RejectionReason.INVALID_VALUE;
        return new Rejection(eventId, reason, field.fieldName(),
                "column '" + mapping.columns().get(field) + "' holds " + inv.valueClass() + "; " + field.fieldName() + " "
                        + inv.rule());
    }

    private static boolean isAbout(Rejection r, PinterestField field) {
        return r != null && field.fieldName().equals(r.field());
    }

    private static String emptyColumn(ActivationMapping mapping, PinterestField field) {
        String column = mapping.columns().get(field);
        return column == null ? field.fieldName() + " is not mapped" : "column '" + column + "' is empty";
    }

    private static RowVerdict holdBack(String eventId, RejectionReason reason, String field, String message) {
        return new RowVerdict.HoldBack(new Rejection(eventId, reason, field, message));
    }
}
