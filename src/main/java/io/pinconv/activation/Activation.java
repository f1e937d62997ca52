package io.pinconv.activation;

import io.pinconv.config.DestinationProperties;
import io.pinconv.config.MonitorProperties;
import io.pinconv.config.ScheduleProperties;
import io.pinconv.mapping.ActivationMapping;
import io.pinconv.segment.Dialect;
import io.pinconv.segment.SegmentColumn;
import io.pinconv.segment.TimeKind;
import io.pinconv.source.Source;
import java.time.Duration;
import java.util.Map;

/**
 * An activation checked against its configuration and its segment, ready to run.
 *
 * @param columnByField the segment column behind each mapped field name, as the database names it
 * @param columnTypes   the database type of each of those columns, by field name
 * @param cursor        the column that grows as rows are added or changed, or null
 * @param lookBack      how far back a run reads (7 days at most: Pinterest refuses older events)
 * @param source        the source the segment is in (conversions.sources), or null for the service's own database
 * @param timeKinds     for a segment in a source, what each mapped column's values are as points in time, by field
 *                      name, as its engine reports them (the service's own database is read by its type names);
 *                      the cursor's under SegmentRead.CURSOR_KEY + "_order"
 * @param cursorOverlap how far before its last position a run of a source's segment reads again (a time cursor)
 * @param monitors      what its monitors watch for, every setting resolved (its own over conversions.monitors)
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
        Duration lookBack,
        Source source,
        Map<String, TimeKind> timeKinds,
        Duration cursorOverlap,
        MonitorProperties monitors) {

    public String eventType() {
        return mapping.eventType();
    }

    /** The dialect the segment is read in: its source's engine, or PostgreSQL for the service's own database. */
    public Dialect dialect() {
        return source == null ? Dialect.POSTGRESQL : source.dialect();
    }
}
