package io.pinconv.mapping;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns one segment row into a Pinterest event (with the fields it goes without, when the activation's
 * policy drops values that cannot be normalised), or into a rejection that says what to fix.
 * Stateless: the verdict depends on the row, the mapping and the clock only.
 */
public final class EventMapper {

    /** Pinterest refuses events older than this. */
    public static final Duration MAX_AGE = Duration.ofDays(7);

    private EventMapper() {}

    /**
     * @param row     the row's column values keyed by Pinterest field name
     * @param eventId the row's id, from {@link EventIds#of}
     * @param now     the time the row is judged at
     */
    public static RowVerdict map(ActivationMapping mapping, Map<String, Object> row, String eventId, Instant now) {
        return map(mapping, mapping.fields(), row, eventId, now);
    }

    /** The same, with the mapping's {@link ActivationMapping#fields()} worked out once for a chunk of rows. */
    public static RowVerdict map(
            ActivationMapping mapping,
            Collection<PinterestField> fields,
            Map<String, Object> row,
            String eventId,
            Instant now) {
        if (eventId == null) {
            String rowId = EventIds.derived(mapping, row);
            return holdBack(
                    rowId,
                    RejectionReason.EVENT_ID_MISSING,
                    "event_id",
                    mapping.source(PinterestField.EVENT_ID) + " is empty; the row (id " + rowId
                            + " derived from its values) needs an event id");
        }

        MappingContext context = rowContext(mapping, row);
        // one slot per catalogue field: the event is written to the request body from these (ConversionEvent)
        Object[] values = new Object[FIELD_COUNT];
        // fields come in catalogue order, so the first invalid one named is the same from run to run;
        // the dropped ones are kept in a map made only for the rare row that has one
        Map<PinterestField, FieldValue.Invalid> dropped = Map.of();
        Rejection firstInvalid = null;
        for (PinterestField field : fields) {
            Object raw = mapping.raw(field, row);
            FieldValue v = raw == null ? FieldValue.ABSENT : field.rule().apply(raw, context);
            if (v instanceof FieldValue.Present p) {
                values[field.ordinal()] = p.json();
            } else if (v instanceof FieldValue.Invalid inv) {
                if (mapping.onInvalidField() == InvalidFieldPolicy.DROP && !indispensable(mapping, field)) {
                    dropped = dropped.isEmpty() ? new EnumMap<>(PinterestField.class) : dropped;
                    dropped.put(field, inv);
                } else if (firstInvalid == null) {
                    firstInvalid = new Rejection(
                            eventId, RejectionReason.invalid(field), field.fieldName(), problem(mapping, field, inv));
                }
            }
        }

        Rejection timeProblem = checkTime(eventId, mapping, values, firstInvalid, now);
        if (timeProblem != null) {
            return new RowVerdict.HoldBack(timeProblem);
        }
        if (values[PinterestField.ACTION_SOURCE.ordinal()] == null
                && !isAbout(firstInvalid, PinterestField.ACTION_SOURCE)) {
            return holdBack(
                    eventId,
                    RejectionReason.ACTION_SOURCE_MISSING,
                    "action_source",
                    mapping.source(PinterestField.ACTION_SOURCE)
                            + " is empty; it must be one of web, app_android, app_ios, offline");
        }
        if (firstInvalid != null) {
            return new RowVerdict.HoldBack(firstInvalid);
        }
        if (!hasIdentifier(values)) {
            return new RowVerdict.HoldBack(noIdentifier(eventId, mapping, dropped));
        }
        if ("checkout".equals(mapping.eventType())) {
            if (values[PinterestField.VALUE.ordinal()] == null) {
                return holdBack(
                        eventId,
                        RejectionReason.VALUE_MISSING,
                        "value",
                        "a checkout needs its value; " + mapping.source(PinterestField.VALUE) + " is empty");
            }
            if (values[PinterestField.CURRENCY.ordinal()] == null) {
                return holdBack(
                        eventId,
                        RejectionReason.CURRENCY_MISSING,
                        "currency",
                        "a checkout needs its currency; " + mapping.source(PinterestField.CURRENCY) + " is empty");
            }
        }
        return new RowVerdict.Send(
                ConversionEvent.of(mapping.eventType(), eventId, values), warnings(eventId, mapping, dropped));
    }

    /** Fields an event cannot be sent without: an invalid value of one holds the row back whatever the policy. */
    private static boolean indispensable(ActivationMapping mapping, PinterestField field) {
        return field == PinterestField.EVENT_TIME
                || field == PinterestField.ACTION_SOURCE
                || field == PinterestField.EVENT_ID
                || ("checkout".equals(mapping.eventType())
                        && (field == PinterestField.VALUE || field == PinterestField.CURRENCY));
    }

    /** What is wrong with a value, in words a user can act on: where it came from, what it is, the rule it breaks. */
    private static String problem(ActivationMapping mapping, PinterestField field, FieldValue.Invalid inv) {
        return mapping.source(field) + " holds " + inv.valueClass() + "; " + field.fieldName() + " " + inv.rule();
    }

    private static List<FieldWarning> warnings(
            String eventId, ActivationMapping mapping, Map<PinterestField, FieldValue.Invalid> dropped) {
        if (dropped.isEmpty()) {
            return List.of();
        }
        List<FieldWarning> out = new ArrayList<>(dropped.size());
        dropped.forEach((field, inv) -> out.add(new FieldWarning(
                eventId,
                field.fieldName(),
                RejectionReason.invalid(field).code(),
                problem(mapping, field, inv) + "; the event was sent without " + field.fieldName())));
        return out;
    }

    /**
     * No identifier left: when invalid values took the last ones, the message names them (a row whose
     * email was mistyped needs that email fixed, not another identifier).
     */
    private static Rejection noIdentifier(
            String eventId, ActivationMapping mapping, Map<PinterestField, FieldValue.Invalid> dropped) {
        String needs = "the row needs an email, a mobile ad id, or both a client IP address and a user agent";
        List<PinterestField> lost =
                dropped.keySet().stream().filter(IDENTIFIERS::contains).toList();
        if (lost.isEmpty()) {
            return new Rejection(
                    eventId, RejectionReason.NO_IDENTIFIER, null, "no identifier Pinterest can match: " + needs);
        }
        StringBuilder m = new StringBuilder("no identifier Pinterest can match once invalid values are left out: ");
        for (int i = 0; i < lost.size(); i++) {
            m.append(i == 0 ? "" : "; ").append(problem(mapping, lost.get(i), dropped.get(lost.get(i))));
        }
        m.append(". Fix ")
                .append(lost.size() == 1 ? "it" : "them")
                .append(", or map another identifier: ")
                .append(needs);
        return new Rejection(eventId, RejectionReason.NO_IDENTIFIER, lost.get(0).fieldName(), m.toString());
    }

    /**
     * The row's country decides how its postcode and a national phone number are read (before the activation's
     * default-region); it is known before any field is mapped.
     */
    private static MappingContext rowContext(ActivationMapping mapping, Map<String, Object> row) {
        if (!(mapping.maps(PinterestField.ZIP) || mapping.maps(PinterestField.PHONE))
                || !mapping.maps(PinterestField.COUNTRY)) {
            return mapping.context();
        }
        Object raw = mapping.raw(PinterestField.COUNTRY, row);
        String text = raw == null ? null : Values.text(raw);
        return mapping.context().withCountry(text == null ? null : FieldRules.countryCode(text));
    }

    private static Rejection checkTime(
            String eventId, ActivationMapping mapping, Object[] values, Rejection firstInvalid, Instant now) {
        if (isAbout(firstInvalid, PinterestField.EVENT_TIME)) {
            return firstInvalid;
        }
        Object seconds = values[PinterestField.EVENT_TIME.ordinal()];
        if (seconds == null) {
            return new Rejection(
                    eventId,
                    RejectionReason.EVENT_TIME_MISSING,
                    "event_time",
                    mapping.source(PinterestField.EVENT_TIME) + " is empty; every event needs its time");
        }
        Instant time = Instant.ofEpochSecond((Long) seconds);
        if (time.isAfter(now)) {
            return new Rejection(
                    eventId,
                    RejectionReason.EVENT_TIME_IN_FUTURE,
                    "event_time",
                    "event time " + time + " is in the future (now " + now.getEpochSecond()
                            + "s); Pinterest refuses it."
                            + " The row is judged again on every run; if it is not really in the future, check the activation's timezone");
        }
        if (time.isBefore(now.minus(mapping.maxAge()))) {
            return new Rejection(
                    eventId,
                    RejectionReason.EVENT_TIME_TOO_OLD,
                    "event_time",
                    "event time " + time
                            + (mapping.maxAge().equals(MAX_AGE)
                                    ? " is more than 7 days old; Pinterest refuses older events"
                                    : " is older than the activation's look-back (" + mapping.maxAge() + ")"));
        }
        return null;
    }

    /** The fields that make an identifier Pinterest can match, alone (email, mobile ad id) or together (IP and user agent). */
    static final Set<PinterestField> IDENTIFIERS = EnumSet.of(
            PinterestField.EMAIL,
            PinterestField.MOBILE_AD_ID,
            PinterestField.CLIENT_IP_ADDRESS,
            PinterestField.CLIENT_USER_AGENT);

    private static boolean hasIdentifier(Object[] values) {
        return values[PinterestField.EMAIL.ordinal()] != null
                || values[PinterestField.MOBILE_AD_ID.ordinal()] != null
                || (values[PinterestField.CLIENT_IP_ADDRESS.ordinal()] != null
                        && values[PinterestField.CLIENT_USER_AGENT.ordinal()] != null);
    }

    private static final int FIELD_COUNT = PinterestField.values().length;

    private static boolean isAbout(Rejection r, PinterestField field) {
        return r != null && field.fieldName().equals(r.field());
    }

    private static RowVerdict holdBack(String eventId, RejectionReason reason, String field, String message) {
        return new RowVerdict.HoldBack(new Rejection(eventId, reason, field, message));
    }
}
