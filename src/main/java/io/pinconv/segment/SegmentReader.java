package io.pinconv.segment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.ColumnMapRowMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Describes segments and streams their rows. */
@Component
public class SegmentReader {

    private final JdbcTemplate segmentJdbc;

    public SegmentReader(@Qualifier("segmentJdbc") JdbcTemplate segmentJdbc) {
        this.segmentJdbc = segmentJdbc;
    }

    /** The columns of a table or view; throws when it cannot be read. */
    public List<SegmentColumn> describe(String table) {
        if (!SegmentNames.isValidTable(table)) {
            throw new IllegalArgumentException(
                    "'" + table + "' is not a table or view name (letters, digits and _, optionally schema.table)");
        }
        return segmentJdbc.query("SELECT * FROM " + table.strip() + " WHERE 1 = 0", rs -> {
            var md = rs.getMetaData();
            List<SegmentColumn> columns = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                columns.add(new SegmentColumn(md.getColumnLabel(i), md.getColumnTypeName(i)));
            }
            return columns;
        });
    }

    /**
     * The SQL type of a cursor column, as PostgreSQL itself writes it ({@code format_type}: {@code bigint} for a
     * bigserial column, {@code timestamp with time zone}, a quoted name for a type of the user's), so that the
     * run's position can be cast back to it. The driver's type name is not a type: pgjdbc reports serial columns
     * as {@code bigserial}, a pseudo-type no cast accepts. The name is checked to name that very type again.
     *
     * @return the type, or empty with the reason when the column cannot order rows
     */
    public CursorType cursorType(String table, String column) {
        return segmentJdbc.query(
                """
                SELECT format_type(a.atttypid, a.atttypmod), t.typcategory,
                       to_regtype(format_type(a.atttypid, NULL)) = a.atttypid
                FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
                WHERE a.attrelid = to_regclass(?) AND a.attname = ? AND a.attnum > 0 AND NOT a.attisdropped""",
                rs -> {
                    if (!rs.next()) {
                        return new CursorType(null, "column '" + column + "' is not in " + table);
                    }
                    String type = rs.getString(1);
                    String category = rs.getString(2);
                    if (!rs.getBoolean(3)) {
                        return new CursorType(null, "its type " + type + " cannot be named in a cast");
                    }
                    // numbers, dates and times, text (ISO timestamps, zero-padded keys): what orders as it grows
                    if (!List.of("N", "D", "S").contains(category)) {
                        return new CursorType(
                                null,
                                "its type " + type + " does not order rows as they are added;"
                                        + " use a number (a sequence, an identity), a timestamp, a date or text holding ISO timestamps");
                    }
                    return new CursorType(type, null);
                },
                table.strip(),
                column);
    }

    /** A cursor column's SQL type, or why it cannot be one. */
    public record CursorType(String sqlType, String problem) {}

    /**
     * The first {@code n} rows a run would read (for previews), keyed by field name, their values converted
     * as a run converts them (RowValues).
     *
     * @param typeByField the database type behind each field, as the activation knows it
     */
    public List<Map<String, Object>> sample(SegmentRead read, int n, Map<String, String> typeByField) {
        return sample(segmentJdbc, SegmentQuery.build(read), n, row -> RowValues.convert(row, typeByField));
    }

    /**
     * The first {@code n} rows a run would read of a segment in a source (its dialect, its read-only pool), their
     * times converted by the kind of each field.
     */
    public List<Map<String, Object>> sample(
            SegmentRead read, int n, Dialect dialect, DataSource pool, Map<String, TimeKind> kindByField) {
        return sample(
                new JdbcTemplate(pool),
                SegmentQuery.preview(read, dialect, n),
                n,
                row -> RowValues.convertByKind(row, kindByField));
    }

    private static List<Map<String, Object>> sample(
            JdbcTemplate jdbc, SegmentQuery.Sql sql, int n, UnaryOperator<Map<String, Object>> convert) {
        ColumnMapRowMapper columns = new ColumnMapRowMapper();
        return jdbc.query(
                sql.sql(),
                rs -> {
                    List<Map<String, Object>> rows = new ArrayList<>(n);
                    while (rows.size() < n && rs.next()) {
                        rows.add(convert.apply(new LinkedHashMap<>(columns.mapRow(rs, rows.size()))));
                    }
                    return rows;
                },
                sql.params().toArray());
    }
}
