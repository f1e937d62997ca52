package io.pinconv.pinterest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinconv.config.DestinationProperties;
import io.pinconv.mapping.ConversionEvent;
import io.pinconv.mapping.Hashing;
import io.pinconv.mapping.PinterestField;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The conversion endpoint: where requests go and what their body looks like. */
@Component
public class PinterestApi {

    /** Pinterest's limit of events per request ({@code data} maxItems). */
    public static final int MAX_EVENTS_PER_REQUEST = 1000;

    private final ObjectMapper json;

    public PinterestApi(ObjectMapper json) {
        this.json = json;
    }

    /** {base-url}/v5/ad_accounts/{id}/events */
    public static String eventsUrl(DestinationProperties destination) {
        return destination.baseUrl() + "/v5/ad_accounts/"
                + destination.adAccountId().strip() + "/events";
    }

    /** The query string of a request: {@code test=true} in test mode, where Pinterest validates and records nothing. */
    public static String query(DestinationProperties destination) {
        return destination.testMode() ? "test=true" : null;
    }

    /** The request body, {"data": [...]}. */
    public RequestBody body(List<ConversionEvent> events) {
        if (events.isEmpty() || events.size() > MAX_EVENTS_PER_REQUEST) {
            throw new IllegalArgumentException("a request carries 1 to 1000 events, not " + events.size());
        }
        // written value by value: Jackson's map serialiser looked up a serialiser for every value of every event.
        // Kept rather than camel-jackson's marshal (RequestBodyBenchmark, 1,000 events, a 618 kB body, on a 2-core
        // machine under load): a median of 2.6-4.7 ms and 859 kB allocated per body here, against 2.7-7.5 ms and
        // 2,694 kB for Jackson marshalling the same maps into one growing array (which G1 places in the old
        // generation as humongous objects). The bodies are byte for byte the same.
        RequestBody.Writer out = new RequestBody.Writer();
        try (JsonGenerator g = json.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("data");
            for (ConversionEvent e : events) {
                if (e.values() != null) {
                    writeSlots(g, e);
                } else {
                    write(g, e.json());
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory does not fail", e);
        }
        return out.body();
    }

    private static final SerializedString EVENT_NAME = new SerializedString("event_name");
    private static final SerializedString ACTION_SOURCE = new SerializedString("action_source");
    private static final SerializedString EVENT_TIME = new SerializedString("event_time");
    private static final SerializedString EVENT_ID = new SerializedString("event_id");

    /**
     * The mapper's event, straight from its slots in {@link ConversionEvent#LAYOUT}'s order: the same bytes as
     * writing {@link ConversionEvent#json()}, without building it.
     */
    private void writeSlots(JsonGenerator g, ConversionEvent e) throws IOException {
        Object[] values = e.values();
        g.writeStartObject();
        g.writeFieldName(EVENT_NAME);
        g.writeString(e.eventName());
        g.writeFieldName(ACTION_SOURCE);
        write(g, values[PinterestField.ACTION_SOURCE.ordinal()]);
        g.writeFieldName(EVENT_TIME);
        write(g, values[PinterestField.EVENT_TIME.ordinal()]);
        g.writeFieldName(EVENT_ID);
        g.writeString(e.eventId());
        for (ConversionEvent.Group group : ConversionEvent.LAYOUT) {
            int[] slots = group.slots();
            SerializedString[] keys = group.keys();
            if (group.name() == null) {
                Object v = values[slots[0]];
                if (v != null) {
                    g.writeFieldName(keys[0]);
                    write(g, v);
                }
                continue;
            }
            boolean open = false;
            for (int i = 0; i < slots.length; i++) {
                Object v = values[slots[i]];
                if (v == null) {
                    continue;
                }
                if (!open) {
                    g.writeFieldName(group.quotedName());
                    g.writeStartObject();
                    open = true;
                }
                g.writeFieldName(keys[i]);
                write(g, v);
            }
            if (open) {
                g.writeEndObject();
            } else if ("user_data".equals(group.name())) {
                g.writeFieldName(group.quotedName());
                g.writeStartObject();
                g.writeEndObject();
            }
        }
        g.writeEndObject();
    }

    private void write(JsonGenerator g, Object value) throws IOException {
        if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Long n) {
            g.writeNumber(n);
        } else if (value instanceof Integer n) {
            g.writeNumber(n);
        } else if (value instanceof BigDecimal n) {
            g.writeNumber(n);
        } else if (value instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> entry : m.entrySet()) {
                g.writeFieldName((String) entry.getKey());
                write(g, entry.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof List<?> l) {
            g.writeStartArray();
            for (Object item : l) {
                write(g, item);
            }
            g.writeEndArray();
        } else {
            // any other plain type (numbers, booleans, null) as Jackson writes it
            json.writeValue(g, value);
        }
    }

    /** A digest of one event as sent, to tell whether a refused event would now go out changed. */
    public String digest(ConversionEvent event) {
        try {
            return Hashing.sha256Hex(json.writeValueAsString(event.json()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event values are plain JSON types", e);
        }
    }

    /**
     * The body as it may be shown to a person (dry run, previews): user data Pinterest takes hashed stays
     * as sent, every other user data value (IP address, user agent, click id, partner id, any key
     * Pinterest adds later) is masked, since it identifies a person in clear.
     */
    public String shareableBody(List<ConversionEvent> events) {
        List<Map<String, Object>> masked = events.stream()
                .map(e -> {
                    Map<String, Object> copy = new LinkedHashMap<>(e.json());
                    Map<String, Object> userData = new LinkedHashMap<>(e.userData());
                    userData.replaceAll((key, value) -> isHashedList(value) ? value : MASKED);
                    copy.put("user_data", userData);
                    return copy;
                })
                .toList();
        try {
            return json.writeValueAsString(Map.of("data", masked));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event values are plain JSON types", e);
        }
    }

    static final String MASKED = "<masked>";

    /** An array of SHA-256 digests, as Pinterest takes em, ph, fn and the other hashed keys. */
    private static boolean isHashedList(Object value) {
        return value instanceof List<?> list
                && !list.isEmpty()
                && list.stream().allMatch(v -> v instanceof String text && Hashing.isSha256Hex(text));
    }
}
