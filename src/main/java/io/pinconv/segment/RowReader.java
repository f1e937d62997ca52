package io.pinconv.segment;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.RowMapper;

/**
 * Reads a row into plain Java values the mapping understands, keeping what the column type means:
 * a timestamp with time zone becomes an exact instant, one without stays a local date-time (the
 * mapping reads it in the activation's zone, instead of the JVM's), arrays become lists, JSON text.
 */
final class RowReader implements RowMapper<Map<String, Object>> {

    private enum Kind { INSTANT, LOCAL_DATE_TIME, DATE, ARRAY, TEXT_OBJECT, OTHER }

    private String[] names;
    private Kind[] kinds;

    @Override
    public Map<String, Object> mapRow(ResultSet rs, int rowNum) throws SQLException {
        if (names == null) {
            describe(rs.getMetaData());
        }
        Map<String, Object> row = new LinkedHashMap<>(names.length * 2);
        for (int i = 0; i < names.length; i++) {
            row.put(names[i], read(rs, i + 1, kinds[i]));
        }
        return row;
    }

    private void describe(ResultSetMetaData md) throws SQLException {
        int n = md.getColumnCount();
        String[] ns = new String[n];
        Kind[] ks = new Kind[n];
        for (int i = 0; i < n; i++) {
            ns[i] = md.getColumnLabel(i + 1);
            ks[i] = kind(md.getColumnType(i + 1), md.getColumnTypeName(i + 1));
        }
        kinds = ks;
        names = ns;
    }

    private static Kind kind(int sqlType, String typeName) {
        String t = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
        if (sqlType == Types.TIMESTAMP_WITH_TIMEZONE || t.equals("timestamptz") || t.contains("with time zone")) {
            return Kind.INSTANT;
        }
        if (sqlType == Types.TIMESTAMP) {
            return Kind.LOCAL_DATE_TIME;
        }
        if (sqlType == Types.DATE) {
            return Kind.DATE;
        }
        if (sqlType == Types.ARRAY) {
            return Kind.ARRAY;
        }
        if (t.equals("json") || t.equals("jsonb") || sqlType == Types.OTHER) {
            return Kind.TEXT_OBJECT;
        }
        return Kind.OTHER;
    }

    private static Object read(ResultSet rs, int i, Kind kind) throws SQLException {
        return switch (kind) {
            case INSTANT -> {
                OffsetDateTime o = rs.getObject(i, OffsetDateTime.class);
                yield o == null ? null : o.toInstant();
            }
            case LOCAL_DATE_TIME -> rs.getObject(i, LocalDateTime.class);
            case DATE -> rs.getObject(i, LocalDate.class);
            case ARRAY -> {
                Array a = rs.getArray(i);
                yield a == null ? null : List.copyOf(Arrays.stream((Object[]) a.getArray()).filter(java.util.Objects::nonNull).toList());
            }
            case TEXT_OBJECT -> {
                Object o = rs.getObject(i);
                yield o == null ? null : o.toString();
            }
            case OTHER -> rs.getObject(i);
        };
    }
}
