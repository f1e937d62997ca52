package io.pinconv.activation;

import io.pinconv.config.DestinationProperties;
import io.pinconv.config.ScheduleProperties;
import io.pinconv.mapping.ActivationMapping;
import io.pinconv.segment.SegmentColumn;
import java.time.Duration;
import java.util.Map;

/**
 * An activation checked against its configuration and its segment, ready to run.
 *
 * @param columnByField the segment column behind each mapped field name, as the database names it
 * @param columnTypes   the database type of each of those columns, by field name
 * @param cursor        the column that grows as rows are added or changed, or null
 * @param lookBack      how far back a run reads (7 days at most: Pinterest refuses older events)
 */
public record Activation(
        String id,
        String destinationId,
        DestinationProperties destination,
        String segment,
        ScheduleProperties schedule,
        int batchSize,
        ActivationMapping mapping,
        Map<String, String> columnByField,
        Map<String, String> columnTypes,
        SegmentColumn cursor,
        Duration lookBack) {

    public String eventType() {
        return mapping.eventType();
    }
}
