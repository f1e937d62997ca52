package io.pinconv.segment;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

/**
 * What one run reads of a segment.
 *
 * @param table         a name that passed {@link SegmentNames#isValidTable}
 * @param columnByField the column (as the database names it) behind each field name
 * @param window        only rows whose event time is recent enough, or null to read them all
 * @param cursor        only rows past the last settled position (plus those to retry), or null
 * @param exclusion     leave out, in SQL, rows whose event id the ledger already holds, or null
 */
public record SegmentRead(
        String table, Map<String, String> columnByField, Window window, Cursor cursor, Exclusion exclusion) {

    /**
     * The look-back window on the event time column, by its type.
     *
     * @param kind what the column's values are as points in time, or null to tell it from {@code typeName} alone
     *             (as the dialect names types)
     */
    public record Window(String column, String typeName, Instant from, ZoneId zone, TimeKind kind) {

        public Window(String column, String typeName, Instant from, ZoneId zone) {
            this(column, typeName, from, zone, null);
        }
    }

    /**
     * @param position the last settled cursor value, as text, or null on a first run
     * @param eventIdColumn the event id column, to find again rows held back or pending behind the position
     */
    public record Cursor(String column, String typeName, String position, String eventIdColumn, String activationId) {}

    public record Exclusion(String eventIdColumn, String adAccountId, String eventName) {}

    /** The key under which a row carries its cursor value, as text. */
    public static final String CURSOR_KEY = "__cursor";
    /** The key under which a row says it is past the position (true), or read again to retry (false). */
    public static final String NEW_KEY = "__new";
}
