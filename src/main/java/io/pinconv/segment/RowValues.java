package io.pinconv.segment;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Turns the values of a row as the driver hands them out ({@code getObject}, what camel-jdbc puts in its
 * maps, and the previews' sample) into the values the mapping understands: a timestamp with time
 * zone becomes an exact instant, one without stays a local date-time (read later in the activation's zone,
 * not the JVM's), dates become dates, arrays lists, JSON and other PostgreSQL objects text. The driver gives
 * both kinds of timestamp as {@link Timestamp}, so the column's type (by field) tells them apart.
 */
public final class RowValues {

    private RowValues() {}

    /** Converts {@code row} in place, on the thread that reads the segment (an array is read from the connection). */
    public static Map<String, Object> convert(Map<String, Object> row, Map<String, String> typeByKey) {
        for (Map.Entry<String, Object> e : row.entrySet()) {
            Object v = e.getValue();
            if (v != null && !(v instanceof String) && !(v instanceof Number) && !(v instanceof Boolean)) {
                e.setValue(value(v, typeByKey.get(e.getKey())));
            }
        }
        return row;
    }

    /**
     * Converts {@code row} in place by what each key's column is as a point in time (a source's columns, classified
     * by its dialect), whatever Java type the driver gives: instants become Instants (from a Timestamp, an
     * OffsetDateTime or a ZonedDateTime), wall-clock times LocalDateTimes, dates LocalDates; other values as
     * {@link #convert} converts them.
     */
    public static Map<String, Object> convertByKind(Map<String, Object> row, Map<String, TimeKind> kindByKey) {
        for (Map.Entry<String, Object> e : row.entrySet()) {
            Object v = e.getValue();
            if (v != null && !(v instanceof String) && !(v instanceof Number) && !(v instanceof Boolean)) {
                e.setValue(value(v, kindByKey.get(e.getKey())));
            }
        }
        return row;
    }

    static Object value(Object v, TimeKind kind) {
        if (kind == TimeKind.INSTANT) {
            if (v instanceof Timestamp t) {
                return t.toInstant();
            }
            if (v instanceof OffsetDateTime o) {
                return o.toInstant();
            }
            if (v instanceof ZonedDateTime z) {
                return z.toInstant();
            }
        }
        if (kind == TimeKind.WALL_CLOCK && v instanceof Timestamp t) {
            return t.toLocalDateTime();
        }
        if (v instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return value(v, (String) null);
    }

    static Object value(Object v, String typeName) {
        if (v instanceof Timestamp t) {
            return withTimeZone(typeName) ? t.toInstant() : t.toLocalDateTime();
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (v instanceof Array a) {
            try {
                return List.copyOf(Arrays.stream((Object[]) a.getArray())
                        .filter(Objects::nonNull)
                        .toList());
            } catch (SQLException e) {
                throw new IllegalStateException("an array of the segment could not be read: " + e.getMessage(), e);
            }
        }
        // json, jsonb, inet, uuid, intervals...: as their text
        if (v instanceof UUID || v.getClass().getName().startsWith("org.postgresql.")) {
            return v.toString();
        }
        return v;
    }

    private static boolean withTimeZone(String typeName) {
        String t = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
        return t.equals("timestamptz") || t.contains("with time zone");
    }
}
