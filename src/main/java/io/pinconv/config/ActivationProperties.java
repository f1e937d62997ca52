package io.pinconv.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One activation as configured: which segment goes to which destination, as which event, how often.
 *
 * @param destination id of an entry of {@code conversions.destinations}
 * @param segment     table or view, schema-qualified or not
 * @param eventType   the Pinterest event_name every row of the segment is sent as
 * @param schedule    a Quartz cron expression or an interval ("every 15m"), with an optional time zone
 * @param batchSize   events per request, 1 to 1000
 * @param mapping     Pinterest field name to segment column, or to a constant ({@code =value}, true, false, a number)
 * @param enabled     false keeps the activation configured but never scheduled
 * @param timezone    zone of the segment's timestamps stored without one (default UTC)
 * @param defaultRegion ISO 3166 country of national phone numbers and of postcodes of rows without a country
 * @param cursor      a column that grows as rows are added or changed: runs read only past the last position
 * @param lookBack    how far back runs read, at most (and by default) 7 days
 * @param onInvalidField {@code drop} (default): a value that cannot be normalised is left out and the event sent;
 *                    {@code hold}: the row is held back
 * @param source      id of an entry of {@code conversions.sources} the segment is in; without it, the service's own
 *                    database
 * @param cursorOverlap for a segment in a source with a time cursor: how far before the last position each run reads
 *                    again, for rows that committed late with an earlier value (default 10 minutes; the ledger skips
 *                    what was delivered)
 * @param monitors    this activation's own monitor settings, over conversions.monitors
 */
public record ActivationProperties(
        String destination,
        String segment,
        String eventType,
        ScheduleProperties schedule,
        Integer batchSize,
        Map<String, String> mapping,
        Boolean enabled,
        String timezone,
        String defaultRegion,
        String cursor,
        java.time.Duration lookBack,
        String onInvalidField,
        String source,
        java.time.Duration cursorOverlap,
        MonitorProperties monitors) {

    public static final int MAX_BATCH_SIZE = 1000;
    public static final java.time.Duration DEFAULT_CURSOR_OVERLAP = java.time.Duration.ofMinutes(10);

    public ActivationProperties {
        if (batchSize == null) {
            batchSize = MAX_BATCH_SIZE;
        }
        mapping = mapping == null ? Map.of() : new LinkedHashMap<>(mapping);
        if (enabled == null) {
            enabled = Boolean.TRUE;
        }
        cursorOverlap = cursorOverlap == null ? DEFAULT_CURSOR_OVERLAP : cursorOverlap;
    }
}
