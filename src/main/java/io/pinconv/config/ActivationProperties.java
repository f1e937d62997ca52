package io.pinconv.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One activation as configured: which segment goes to which destination, as which event, how often.
 *
 * @param destination id of an entry of {@code conversions.destinations}
 * @param segment     table or view, schema-qualified or not
 * @param eventType   the Pinterest event_name every row of the segment is sent as
 * @param schedule    Quartz cron expression
 * @param batchSize   events per request, 1 to 1000
 * @param mapping     Pinterest field name to segment column
 * @param enabled     false keeps the activation configured but never scheduled
 */
public record ActivationProperties(
        String destination,
        String segment,
        String eventType,
        String schedule,
        Integer batchSize,
        Map<String, String> mapping,
        Boolean enabled) {

    public static final int MAX_BATCH_SIZE = 1000;

    public ActivationProperties {
        if (batchSize == null) {
            batchSize = MAX_BATCH_SIZE;
        }
        mapping = mapping == null ? Map.of() : new LinkedHashMap<>(mapping);
        if (enabled == null) {
            enabled = Boolean.TRUE;
        }
    }
}
