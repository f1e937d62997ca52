package io.pinconv.mapping;

import io.pinconv.pinterest.ConversionEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
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
     * @param row     the row's column values keyed by Pinterest field name
     * @param eventId the row's id, from {@link EventIds#of}
     * @param now     the time the row is judged at
     */
    public static RowVerdict map(ActivationMapping mapping, Map<String, Object> row, String eventId, Instant now) {
        if (eventId == null) {
            String rowId = EventIds.derived(mapping, row);
            return holdBack(rowId, RejectionReason.EVENT_ID_MISSING, "event_id",
                    mapping.source(PinterestField.EVENT_ID) + " is empty; the row (id " + rowId
                            + " derived from its values) needs an event id");
        }

        MappingContext context = rowContext(mapping, row);
        Map<PinterestField, Object> values = new EnumMap<>(PinterestField.class);
        Rejection firstInvalid = null;
        for (PinterestField field : mapping.fields()) {
            Object raw = mapping.raw(field, row);
            FieldValue v = raw == null ? FieldValue.ABSENT : field.rule().apply(raw, context);
            if (v instanceof FieldValue.Present p) {
                values.put(field, p.json());
            } else if (v instanceof FieldValue.Invalid inv && firstInvalid == null) {
                firstInvalid = new Rejection(eventId, RejectionReason.invalid(field), field.fieldName(),
                        mapping.source(field) + " holds " + inv.valueClass() + "; " + field.fieldName() + " " + inv.rule());
            }
        }

        Rejection timeProblem = checkTime(eventId, mapping, values, firstInvalid, now);
        if (timeProblem != null) {
            return new RowVerdict.HoldBack(timeProblem);
        }
        if (!values.containsKey(PinterestField.ACTION_SOURCE) && !isAbout(firstInvalid, PinterestField.ACTION_SOURCE)) {
            return holdBack(eventId, RejectionReason.ACTION_SOURCE_MISSING, "action_source",
                    mapping.source(PinterestField.ACTION_SOURCE) + " is empty; it must be one of web, app_android, app_ios, offline");
        }
        if (firstInvalid != null) {
            return new RowVerdict.HoldBack(firstInvalid);
        }
        if (!hasIdentifier(values)) {
            return holdBack(eventId, RejectionReason.NO_IDENTIFIER, null,
                    "no identifier Pinterest can match: the row needs an email, a mobile ad id, or both a client IP address and a user agent");
        }
        if ("checkout".equals(mapping.eventType())) {
            if (!values.containsKey(PinterestField.VALUE)) {
                return holdBack(eventId, RejectionReason.VALUE_MISSING, "value",
                        "a checkout needs its value; " + mapping.source(PinterestField.VALUE) + " is empty");
            }
            if (!values.containsKey(PinterestField.CURRENCY)) {
                return holdBack(eventId, RejectionReason.CURRENCY_MISSING, "currency",
                        "a checkout needs its currency; " + mapping.source(PinterestField.CURRENCY) + " is empty");
            }
        }
        return new RowVerdict.Send(new ConversionEvent(eventId, json(mapping, eventId, values)));
    }

    /** The row's country decides how its postcode is read; it is known before any field is mapped. */
    private static MappingContext rowContext(ActivationMapping mapping, Map<String, Object> row) {
        if (!mapping.maps(PinterestField.ZIP) || !mapping.maps(PinterestField.COUNTRY)) {
            return mapping.context();
        }
        Object raw = mapping.raw(PinterestField.COUNTRY, row);
        String text = raw == null ? null : Values.text(raw);
        return mapping.context().withCountry(text == null ? null : FieldRules.countryCode(text));
    }

    private static Rejection checkTime(String eventId, ActivationMapping mapping, Map<PinterestField, Object> values,
                                       Rejection firstInvalid, Instant now) {
        if (isAbout(firstInvalid, PinterestField.EVENT_TIME)) {
            return firstInvalid;
        }
        Object seconds = values.get(PinterestField.EVENT_TIME);
        if (seconds == null) {
            return new Rejection(eventId, RejectionReason.EVENT_TIME_MISSING, "event_time",
                    mapping.source(PinterestField.EVENT_TIME) + " is empty; every event needs its time");
        }
        Instant time = Instant.ofEpochSecond((Long) seconds);
        if (time.isAfter(now)) {
            return new Rejection(eventId, RejectionReason.EVENT_TIME_IN_FUTURE, "event_time",
                    "event time " + time + " is in the future (now " + now.getEpochSecond() + "s); Pinterest refuses it."
                            + " The row is judged again on every run; if it is not really in the future, check the activation's timezone");
        }
        if (time.isBefore(now.minus(mapping.maxAge()))) {
            return new Rejection(eventId, RejectionReason.EVENT_TIME_TOO_OLD, "event_time",
                    "event time " + time + (mapping.maxAge().equals(MAX_AGE) ? " is more than 7 days old; Pinterest refuses older events"
                            : " is older than the activation's look-back (" + mapping.maxAge() + ")"));
        }
        return null;
    }

    private static boolean hasIdentifier(Map<PinterestField, Object> values) {
        return values.containsKey(PinterestField.EMAIL) || values.containsKey(PinterestField.MOBILE_AD_ID)
                || (values.containsKey(PinterestField.CLIENT_IP_ADDRESS) && values.containsKey(PinterestField.CLIENT_USER_AGENT));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(ActivationMapping mapping, String eventId, Map<PinterestField, Object> values) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event_name", mapping.eventType());
        event.put("action_source", values.get(PinterestField.ACTION_SOURCE));
        event.put("event_time", values.get(PinterestField.EVENT_TIME));
        event.put("event_id", eventId);
        event.put("user_data", new LinkedHashMap<String, Object>());
        values.forEach((field, value) -> {
            List<String> path = field.path();
            Map<String, Object> target = event;
            for (int i = 0; i < path.size() - 1; i++) {
                target = (Map<String, Object>) target.computeIfAbsent(path.get(i), k -> new LinkedHashMap<String, Object>());
            }
            target.putIfAbsent(path.get(path.size() - 1), value);
        });
        return event;
    }

    private static boolean isAbout(Rejection r, PinterestField field) {
        return r != null && field.fieldName().equals(r.field());
    }

    private static RowVerdict holdBack(String eventId, RejectionReason reason, String field, String message) {
        return new RowVerdict.HoldBack(new Rejection(eventId, reason, field, message));
    }
}
