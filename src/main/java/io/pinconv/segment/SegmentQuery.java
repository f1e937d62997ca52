package io.pinconv.segment;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.StringJoiner;

/**
 * The SELECT that reads a segment: each mapped column once per field that uses it, under the field's
 * name, so that the mapping reads rows by Pinterest field and never by column; filtered to the
 * look-back window, past the cursor, and without what the ledger already holds, in SQL, so that a
 * run's cost follows what is new rather than the size of the segment.
 *
 * <p>Written in a {@link Dialect}: PostgreSQL's, the service's own database, unless a source says otherwise. The
 * ledger's anti-join and the retry join read the state's tables, so they are written only for a segment in the
 * state database; a segment elsewhere is read past a typed cursor value ({@link #past}) and its rows to retry
 * fetched by id ({@link #byIds}).
 */
public final class SegmentQuery {

    /** A statement and its parameters, in order. */
    public record Sql(String sql, List<Object> params) {}

    /** The most ids one {@link #byIds} statement binds: Snowflake caps a statement's text, values included, at 1 MB. */
    public static final int MAX_IDS = 500;

    private SegmentQuery() {}

    /** The run's SELECT on the service's own database. */
    public static Sql build(SegmentRead read) {
        return build(read, Dialect.POSTGRESQL);
    }

    /**
     * The run's SELECT: the look-back window, the ledger's anti-join and a cursor position read back with the
     * rows to retry (the last two only in the state database, PostgreSQL).
     */
    public static Sql build(SegmentRead read, Dialect d) {
        List<Object> params = new ArrayList<>();
        SegmentRead.Cursor cursor = read.cursor();
        String table = d.table(read.table());
        if (cursor == null || cursor.position() == null) {
            String sql = selectList(read, d, cursor, true) + " FROM " + table + " s"
                    + where(read, d, params, null)
                    + (cursor == null ? "" : " ORDER BY s." + d.quoteColumn(cursor.column()));
            return new Sql(sql, params);
        }
        stateDatabaseOnly(d, "a cursor position read back with the rows to retry");
        // rows past the position, in cursor order, after the rows behind it that are to be tried again
        String past = selectList(read, d, cursor, true) + " FROM " + table + " s"
                + where(
                        read,
                        d,
                        params,
                        "s." + d.quoteColumn(cursor.column()) + " >= CAST(? AS " + cursor.typeName() + ")");
        params.add(cursor.position());
        String retry = selectList(read, d, cursor, false) + " FROM " + table + " s"
                + " JOIN (SELECT event_id FROM conversions.pending_event WHERE activation_id = ?"
                + " UNION SELECT event_id FROM conversions.rejection WHERE activation_id = ?) r"
                + " ON r.event_id = " + d.castToText("s." + d.quoteColumn(cursor.eventIdColumn()));
        List<Object> retryParams = new ArrayList<>(List.of(cursor.activationId(), cursor.activationId()));
        retry += where(
                read,
                d,
                retryParams,
                "s." + d.quoteColumn(cursor.column()) + " < CAST(? AS " + cursor.typeName() + ")");
        retryParams.add(cursor.position());
        List<Object> all = new ArrayList<>(retryParams);
        all.addAll(params);
        return new Sql(
                "SELECT * FROM (" + retry + " UNION ALL " + past + ") q ORDER BY "
                        + d.quoteColumn(SegmentRead.NEW_KEY) + ", "
                        + d.quoteColumn(SegmentRead.CURSOR_KEY + "_order"),
                all);
    }

    /**
     * The rows of a segment outside the state database from a cursor value on, in cursor order: the value bound
     * with its own Java type (a number, a java.time value, text), never cast by a type name. Rows without a
     * cursor value are left out (they never pass {@code >=}, and engines sort NULLs differently).
     *
     * @param from the cursor value to read from (the settled position less the overlap for late commits)
     */
    public static Sql past(SegmentRead read, Dialect d, Object from) {
        SegmentRead.Cursor cursor = read.cursor();
        if (cursor == null || from == null) {
            throw new IllegalArgumentException("reading past a cursor needs its column and a value to read from");
        }
        List<Object> params = new ArrayList<>();
        String c = "s." + d.quoteColumn(cursor.column());
        String sql = selectList(read, d, cursor, true) + " FROM " + d.table(read.table()) + " s"
                + where(read, d, params, c + " IS NOT NULL AND " + c + " >= ?")
                + " ORDER BY " + c;
        params.add(from);
        return new Sql(sql, params);
    }

    /**
     * A run of a segment outside the state database past its cursor: the rows held back or pending behind
     * {@code from} whose ids the ledger gives ({@code retryIds}, at most {@link #MAX_IDS}; flagged not new), then the rows
     * from {@code from} on, in cursor order.
     */
    public static Sql pastWithRetries(SegmentRead read, Dialect d, Object from, Collection<String> retryIds) {
        Sql past = past(read, d, from);
        if (retryIds.isEmpty()) {
            return past;
        }
        // behind {@code from} only: a row at or past it comes with the rows past it, and must not come twice
        String c = "s." + d.quoteColumn(read.cursor().column());
        Sql ids = byIds(read, d, read.cursor().eventIdColumn(), retryIds);
        List<Object> retryParams = new ArrayList<>(ids.params());
        retryParams.add(from);
        Sql retry = new Sql(ids.sql() + " AND (" + c + " IS NULL OR " + c + " < ?)", retryParams);
        String pastUnordered = past.sql().substring(0, past.sql().lastIndexOf(" ORDER BY "));
        List<Object> params = new ArrayList<>(retry.params());
        params.addAll(past.params());
        return new Sql(
                "SELECT * FROM (" + retry.sql() + " UNION ALL " + pastUnordered + ") q ORDER BY "
                        + d.quoteColumn(SegmentRead.NEW_KEY) + ", "
                        + d.quoteColumn(SegmentRead.CURSOR_KEY + "_order"),
                params);
    }

    /**
     * The rows of a segment outside the state database whose event id is one of {@code ids} (rows held back or
     * pending behind the cursor, to try again), compared as text, at most {@link #MAX_IDS} at a time.
     */
    public static Sql byIds(SegmentRead read, Dialect d, String eventIdColumn, Collection<String> ids) {
        if (ids.isEmpty() || ids.size() > MAX_IDS) {
            throw new IllegalArgumentException("between 1 and " + MAX_IDS + " ids at a time, not " + ids.size());
        }
        List<Object> params = new ArrayList<>();
        StringJoiner in = new StringJoiner(", ", "(", ")");
        ids.forEach(id -> in.add("?"));
        String sql = selectList(read, d, read.cursor(), false) + " FROM " + d.table(read.table()) + " s"
                + where(read, d, params, d.castToText("s." + d.quoteColumn(eventIdColumn)) + " IN " + in);
        params.addAll(ids);
        return new Sql(sql, params);
    }

    /** The first {@code n} rows of a read, for previews: the engine stops there (Redshift ignores maxRows). */
    public static Sql preview(SegmentRead read, Dialect d, int n) {
        Sql sql = build(read, d);
        return new Sql(sql.sql() + d.limit(n), sql.params());
    }

    /** A statement that returns no row and describes the columns of a table or view. */
    public static String describe(String table, Dialect d) {
        return "SELECT * FROM " + d.table(table) + " WHERE 1 = 0";
    }

    private static void stateDatabaseOnly(Dialect d, String what) {
        if (!d.engine().equals(Dialect.POSTGRESQL.engine())) {
            throw new IllegalArgumentException(what + " joins the state's tables: only a segment in the state"
                    + " database is read that way, not one in " + d.engine());
        }
    }

    private static String selectList(SegmentRead read, Dialect d, SegmentRead.Cursor cursor, boolean isNew) {
        StringJoiner select = new StringJoiner(", ", "SELECT ", "");
        read.columnByField()
                .forEach((field, column) -> select.add("s." + d.quoteColumn(column) + " AS " + d.quoteColumn(field)));
        if (cursor != null) {
            String c = "s." + d.quoteColumn(cursor.column());
            select.add(d.castToText(c) + " AS " + d.quoteColumn(SegmentRead.CURSOR_KEY));
            select.add(c + " AS " + d.quoteColumn(SegmentRead.CURSOR_KEY + "_order"));
            select.add((isNew ? "TRUE" : "FALSE") + " AS " + d.quoteColumn(SegmentRead.NEW_KEY));
        }
        return select.toString();
    }

    private static String where(SegmentRead read, Dialect d, List<Object> params, String extra) {
        List<String> conditions = new ArrayList<>();
        if (read.window() != null) {
            String w = window(read.window(), d, params);
            if (w != null) {
                // a row without an event time is read, to be held back with that reason
                conditions.add("(" + w + " OR s." + d.quoteColumn(read.window().column()) + " IS NULL)");
            }
        }
        if (read.exclusion() != null) {
            stateDatabaseOnly(d, "leaving out what the ledger holds");
            SegmentRead.Exclusion x = read.exclusion();
            conditions.add("NOT EXISTS (SELECT 1 FROM conversions.delivered_event d WHERE d.event_id = "
                    + d.castToText("s." + d.quoteColumn(x.eventIdColumn()))
                    + " AND d.ad_account_id = ? AND d.event_name = ?)");
            params.add(x.adAccountId());
            params.add(x.eventName());
        }
        if (extra != null) {
            conditions.add(extra);
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /**
     * The window on the event time column, as its kind allows: instants for instants (bound as the dialect
     * binds them), wall-clock times in the activation's zone, dates, seconds or milliseconds for numbers. Text
     * columns are not filtered in SQL (the mapping holds old rows back).
     */
    private static String window(SegmentRead.Window w, Dialect d, List<Object> params) {
        String c = "s." + d.quoteColumn(w.column());
        TimeKind kind = w.kind() != null ? w.kind() : d.timeKind(w.typeName(), null);
        switch (kind) {
            case INSTANT -> {
                params.add(d.instant(w.from()));
                return c + " >= ?";
            }
            case WALL_CLOCK -> {
                params.add(LocalDateTime.ofInstant(w.from(), w.zone()));
                return c + " >= ?";
            }
            case DATE -> {
                params.add(LocalDateTime.ofInstant(w.from(), w.zone()).toLocalDate());
                return c + " >= ?";
            }
            case EPOCH_NUMBER -> {
                long seconds = w.from().getEpochSecond();
                params.add(BigDecimal.valueOf(seconds));
                params.add(BigDecimal.valueOf(seconds * 1000));
                return "((" + c + " >= ? AND " + c + " < 100000000000) OR " + c + " >= ?)";
            }
            default -> {
                return null;
            }
        }
    }
}
