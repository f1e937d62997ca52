package io.pinconv.mapping;

import com.fasterxml.jackson.core.io.SerializedString;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One event as Pinterest's {@code ConversionEvents.data[]} wants it.
 *
 * <p>An event the mapper made keeps its values as they came out of the field rules, one slot per catalogue
 * field, and the request body is written from those slots (see {@link PinterestApi#body}): building a map
 * of maps per event, only for a writer to walk it, was a third of what the service allocated per event.
 * {@link #json()} gives the same event as such a map, in the order the body has it, for whoever needs one
 * (the dry run's and the previews' masked copy, the digest of a refused event, tests).
 */
public final class ConversionEvent {

    /** The body's top-level objects, in the order they are written, with the catalogue fields each holds. */
    public static final List<Group> LAYOUT;

    private static final Map<String, PinterestField> USER_DATA_KEYS = new HashMap<>();

    // PinterestField.values() copies the array at every call: once per event showed among the run's allocations
    private static final int FIELD_COUNT = PinterestField.values().length;

    /** Fields every event starts with, written first and in this order, whatever the catalogue says. */
    private static final List<PinterestField> HEAD =
            List.of(PinterestField.ACTION_SOURCE, PinterestField.EVENT_TIME, PinterestField.EVENT_ID);

    static {
        // user_data comes right after the head; then the catalogue's order, a nested object where its first field is
        Map<String, List<PinterestField>> groups = new LinkedHashMap<>();
        groups.put("user_data", new ArrayList<>());
        for (PinterestField f : PinterestField.values()) {
            if (HEAD.contains(f)) {
                continue;
            }
            String key = f.path().size() == 1 ? null : f.path().get(0);
            if (f.path().size() > 2) {
                throw new IllegalStateException(
                        f + ": the body is written for paths of one or two keys, not " + f.path());
            }
            groups.computeIfAbsent(key == null ? "." + f.name() : key, k -> new ArrayList<>())
                    .add(f);
            if ("user_data".equals(key)) {
                USER_DATA_KEYS.put(f.path().get(1), f);
            }
        }
        List<Group> layout = new ArrayList<>();
        groups.forEach((key, fields) -> layout.add(new Group(key.startsWith(".") ? null : key, List.copyOf(fields))));
        LAYOUT = List.copyOf(layout);
    }

    /**
     * A top-level object of the body ({@code name}) and its fields, or one top-level field alone (name null),
     * with the keys as Jackson writes them ready-quoted.
     */
    public record Group(
            String name,
            List<PinterestField> fields,
            SerializedString quotedName,
            int[] slots,
            SerializedString[] keys) {
        Group(String name, List<PinterestField> fields) {
            this(
                    name,
                    fields,
                    name == null ? null : new SerializedString(name),
                    fields.stream().mapToInt(Enum::ordinal).toArray(),
                    fields.stream()
                            .map(f -> new SerializedString(f.path().get(f.path().size() - 1)))
                            .toArray(SerializedString[]::new));
        }
    }

    private final String eventId;
    private final String eventName;
    private final Object[] values;
    private final Map<String, Object> json;

    /** An event given as a JSON object (anything that is not the mapper's: tests, tools). */
    public ConversionEvent(String eventId, Map<String, Object> json) {
        this.eventId = eventId;
        this.eventName = null;
        this.values = null;
        this.json = Collections.unmodifiableMap(json);
    }

    private ConversionEvent(String eventId, String eventName, Object[] values) {
        this.eventId = eventId;
        this.eventName = eventName;
        this.values = values;
        this.json = null;
    }

    /**
     * The mapper's event.
     *
     * @param values the JSON value of each field by {@link PinterestField#ordinal()}, null where absent; kept, not copied
     */
    public static ConversionEvent of(String eventName, String eventId, Object[] values) {
        if (values.length != FIELD_COUNT) {
            throw new IllegalArgumentException("one value per catalogue field, not " + values.length);
        }
        return new ConversionEvent(Objects.requireNonNull(eventId), eventName, values);
    }

    public String eventId() {
        return eventId;
    }

    /** The event as a JSON object, in the order the request body has it. */
    public Map<String, Object> json() {
        if (json != null) {
            return json;
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event_name", eventName);
        event.put("action_source", values[PinterestField.ACTION_SOURCE.ordinal()]);
        event.put("event_time", values[PinterestField.EVENT_TIME.ordinal()]);
        event.put("event_id", eventId);
        for (Group group : LAYOUT) {
            if (group.name() == null) {
                Object v = values[group.fields().get(0).ordinal()];
                if (v != null) {
                    event.put(group.fields().get(0).path().get(0), v);
                }
                continue;
            }
            Map<String, Object> inner = new LinkedHashMap<>();
            for (PinterestField f : group.fields()) {
                Object v = values[f.ordinal()];
                if (v != null) {
                    inner.put(f.path().get(1), v);
                }
            }
            if (!inner.isEmpty() || "user_data".equals(group.name())) {
                event.put(group.name(), inner);
            }
        }
        return event;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> userData() {
        return (Map<String, Object>) json().getOrDefault("user_data", Map.of());
    }

    /** Whether the event's user_data carries {@code key} (em, ph, client_ip_address...), without building it. */
    public boolean hasUserData(String key) {
        if (json != null) {
            return userData().containsKey(key);
        }
        PinterestField f = USER_DATA_KEYS.get(key);
        return f != null && values[f.ordinal()] != null;
    }

    /** The value of one field (its JSON value: a hash, a number, text), or null where the event has none. */
    @SuppressWarnings("unchecked")
    public Object value(PinterestField field) {
        if (values != null) {
            return values[field.ordinal()];
        }
        Object at = json;
        for (String part : field.path()) {
            if (!(at instanceof Map<?, ?> m)) {
                return null;
            }
            at = ((Map<String, Object>) m).get(part);
        }
        return at;
    }

    /** The mapper's slots, for the body writer; null for an event given as a JSON object. */
    public Object[] values() {
        return values;
    }

    public String eventName() {
        return eventName;
    }

    @Override
    public String toString() {
        // never the values: user data, even hashed, stays out of logs and messages
        return "ConversionEvent[" + eventId + "]";
    }
}
