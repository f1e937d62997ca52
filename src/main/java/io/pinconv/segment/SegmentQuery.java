package io.pinconv.segment;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * The SELECT that reads a segment: each mapped column once per field that uses it, under the field's
 * name, so that the mapping reads rows by Pinterest field and never by column; filtered to the
 * look-back window, past the cursor, and without what the ledger already holds, in SQL, so that a
 * run's cost follows what is new rather than the size of the segment.
 */
public final class SegmentQuery {

    /** A statement and its parameters, in order. */
    public record Sql(String sql, List<Object> params) {}

    private SegmentQuery() {}

    public static Sql build(SegmentRead read) {
        List<Object> params = new ArrayList<>();
        SegmentRead.Cursor cursor = read.cursor();
        if (cursor == null || cursor.position() == null) {
            String sql =
                    selectList(read, cursor, true) + " FROM " + read.table().strip() + " s"
                            + where(read, params, null)
                            + (cursor == null ? "" : " ORDER BY s." + SegmentNames.quoteColumn(cursor.column()));
            return new Sql(sql, params);
        }
        // rows past the position, in cursor order, after the rows behind it that are to be tried again
        String past = selectList(read, cursor, true) + " FROM " + read.table().strip() + " s"
                + where(
                        read,
                        params,
                        "s." + SegmentNames.quoteColumn(cursor.column()) + " >= CAST(? AS " + cursor.typeName() + ")");
        params.add(cursor.position());
        String retry = selectList(read, cursor, false) + " FROM " + read.table().strip() + " s"
                + " JOIN (SELECT event_id FROM conversions.pending_event WHERE activation_id = ?"
                + " UNION SELECT event_id FROM conversions.rejection WHERE activation_id = ?) r"
                + " ON r.event_id = CAST(s." + SegmentNames.quoteColumn(cursor.eventIdColumn()) + " AS varchar)";
        List<Object> retryParams = new ArrayList<>(List.of(cursor.activationId(), cursor.activationId()));
        retry += where(
                read,
                retryParams,
                "s." + SegmentNames.quoteColumn(cursor.column()) + " < CAST(? AS " + cursor.typeName() + ")");
        retryParams.add(cursor.position());
        List<Object> all = new ArrayList<>(retryParams);
        all.addAll(params);
        return new Sql(
                "SELECT * FROM (" + retry + " UNION ALL " + past + ") q ORDER BY "
                        + SegmentNames.quoteColumn(SegmentRead.NEW_KEY) + ", "
                        + SegmentNames.quoteColumn(SegmentRead.CURSOR_KEY + "_order"),
                all);
    }

    private static String selectList(SegmentRead read, SegmentRead.Cursor cursor, boolean isNew) {
        StringJoiner select = new StringJoiner(", ", "SELECT ", "");
        read.columnByField()
                .forEach((field, column) ->
                        select.add("s." + SegmentNames.quoteColumn(column) + " AS " + SegmentNames.quoteColumn(field)));
        if (cursor != null) {
            String c = "s." + SegmentNames.quoteColumn(cursor.column());
            select.add("CAST(" + c + " AS varchar) AS " + SegmentNames.quoteColumn(SegmentRead.CURSOR_KEY));
            select.add(c + " AS " + SegmentNames.quoteColumn(SegmentRead.CURSOR_KEY + "_order"));
            select.add((isNew ? "TRUE" : "FALSE") + " AS " + SegmentNames.quoteColumn(SegmentRead.NEW_KEY));
        }
        return select.toString();
    }

    private static String where(SegmentRead read, List<Object> params, String extra) {
        List<String> conditions = new ArrayList<>();
        if (read.window() != null) {
            String w = window(read.window(), params);
            if (w != null) {
                // a row without an event time is read, to be held back with that reason
                conditions.add("(" + w + " OR s."
                        + SegmentNames.quoteColumn(read.window().column()) + " IS NULL)");
            }
        }
        if (read.exclusion() != null) {
            SegmentRead.Exclusion x = read.exclusion();
            conditions.add("NOT EXISTS (SELECT 1 FROM conversions.delivered_event d WHERE d.event_id = CAST(s."
                    + SegmentNames.quoteColumn(x.eventIdColumn())
                    + " AS varchar) AND d.ad_account_id = ? AND d.event_name = ?)");
            params.add(x.adAccountId());
            params.add(x.eventName());
        }
        if (extra != null) {
            conditions.add(extra);
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /**
     * The window on the event time column, as its type allows: instants for timestamptz, wall-clock
     * times in the activation's zone for timestamp, seconds or milliseconds for numbers. Text columns
     * are not filtered in SQL (the mapping holds old rows back).
     */
    private static String window(SegmentRead.Window w, List<Object> params) {
        String c = "s." + SegmentNames.quoteColumn(w.column());
        String t = w.typeName() == null ? "" : w.typeName().toLowerCase(Locale.ROOT);
        if (t.equals("timestamptz") || t.contains("with time zone")) {
            params.add(Timestamp.from(w.from()));
            return c + " >= ?";
        }
        if (t.startsWith("timestamp")) {
            params.add(LocalDateTime.ofInstant(w.from(), w.zone()));
            return c + " >= ?";
        }
        if (t.equals("date")) {
            params.add(LocalDateTime.ofInstant(w.from(), w.zone()).toLocalDate());
            return c + " >= ?";
        }
        if (t.startsWith("int")
                || t.equals("numeric")
                || t.equals("decimal")
                || t.startsWith("float")
                || t.equals("bigint")
                || t.equals("double precision")
                || t.equals("real")
                || t.equals("serial")
                || t.equals("bigserial")) {
            long seconds = w.from().getEpochSecond();
            params.add(BigDecimal.valueOf(seconds));
            params.add(BigDecimal.valueOf(seconds * 1000));
            return "((" + c + " >= ? AND " + c + " < 100000000000) OR " + c + " >= ?)";
        }
        return null;
    }
}
