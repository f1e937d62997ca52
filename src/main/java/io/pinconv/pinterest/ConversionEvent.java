package io.pinconv.pinterest;

import java.util.Map;

/**
 * One event as Pinterest's {@code ConversionEvents.data[]} wants it.
 *
 * @param eventId the event's id, also found in {@code json}
 * @param json    the event object, ready to serialise; hashed values already hashed
 */
public record ConversionEvent(String eventId, Map<String, Object> json) {

    @SuppressWarnings("unchecked")
    public Map<String, Object> userData() {
        return (Map<String, Object>) json.getOrDefault("user_data", Map.of());
    }
}
