package io.pinconv.activation;

import io.pinconv.mapping.PinterestField;
import io.pinconv.segment.SegmentColumn;
import io.pinconv.segment.SegmentNames;
import io.pinconv.segment.SegmentRead;
import io.pinconv.segment.SegmentReader;
import io.pinconv.segment.TimeKind;
import io.pinconv.source.Source;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The columns an activation maps, found in its segment as the segment's database or source describes it at start:
 * each mapped column by exact name first, then ignoring case, the cursor's with what orders it, and for a segment in
 * a source the kind of time each holds. What cannot be found is said, with the columns there are.
 */
final class SegmentColumns {

    /** The key of the cursor's column among the columns found (no field is named so). */
    static final String CURSOR = "\u0000cursor";

    private SegmentColumns() {}

    /**
     * Finds each mapped column in the segment, by exact name first, then ignoring case; for a segment in a source,
     * with the kind of time each holds ({@code timeKinds}, by field name).
     */
    static Map<String, SegmentColumn> resolve(
            String segment,
            Map<PinterestField, String> fieldColumns,
            String cursor,
            SegmentReader segments,
            Source source,
            Map<String, TimeKind> timeKinds,
            List<String> p) {
        if (segment == null || segment.isBlank()) {
            p.add(
                    "segment is missing: the table or view holding one row per conversion, e.g. analytics.purchase_events");
            return null;
        }
        if (source == null && !SegmentNames.isValidTable(segment)) {
            p.add("segment '" + segment
                    + "' is not a table or view name (letters, digits and _, optionally schema.table)");
            return null;
        }
        List<SegmentColumn> columns;
        Map<String, TimeKind> kindByColumn = new LinkedHashMap<>();
        Map<String, Boolean> ordersByColumn = new LinkedHashMap<>();
        try {
            if (source == null) {
                columns = segments.describe(segment);
            } else {
                List<Source.Column> described = source.describe(segment.strip());
                columns = described.stream()
                        .map(c -> new SegmentColumn(c.name(), c.typeName()))
                        .toList();
                described.forEach(c -> {
                    kindByColumn.put(c.name(), c.kind());
                    ordersByColumn.put(c.name(), c.orders());
                });
            }
        } catch (IllegalArgumentException e) {
            p.add("segment: " + e.getMessage());
            return null;
        } catch (SQLException | RuntimeException e) {
            Optional<String> down = source == null ? Optional.empty() : source.notAnswering(e);
            if (down.isPresent()) {
                throw new SourceNotAnswering(source.id(), down.get());
            }
            p.add("segment '" + segment + "' cannot be read"
                    + (source == null ? "" : " in source '" + source.id() + "'") + ": " + rootMessage(e));
            return null;
        }
        String where = source == null ? "" : " of source '" + source.id() + "'";
        Map<String, SegmentColumn> byField = new LinkedHashMap<>();
        fieldColumns.forEach((field, wanted) -> {
            Optional<SegmentColumn> found = find(columns, wanted);
            if (found.isPresent()) {
                byField.put(field.fieldName(), found.get());
                if (source != null) {
                    timeKinds.put(
                            field.fieldName(), kindByColumn.get(found.get().name()));
                }
            } else {
                p.add("mapping." + field.fieldName() + ": column '" + wanted + "' is not in segment " + segment + where
                        + MappingSources.suggestion(
                                wanted,
                                columns.stream().map(SegmentColumn::name).toList())
                        + "; its columns are: "
                        + columns.stream().map(SegmentColumn::name).collect(Collectors.joining(", "))
                        + " (to send the same value for every row, write =" + wanted + ")");
            }
        });
        if (cursor != null && !cursor.isBlank() && source != null) {
            // a source's cursor value is bound back with its own Java type (segment.CursorValue): any kind orders
            Optional<SegmentColumn> found = find(columns, cursor.strip());
            if (found.isPresent() && !ordersByColumn.get(found.get().name())) {
                p.add("cursor: column '" + found.get().name() + "' ("
                        + found.get().typeName()
                        + ") cannot be a cursor: its values cannot be kept and compared exactly; use a number,"
                        + " a timestamp, a date or text that grows with each new row");
            } else if (found.isPresent()) {
                byField.put(CURSOR, found.get());
                timeKinds.put(
                        SegmentRead.CURSOR_KEY + "_order",
                        kindByColumn.get(found.get().name()));
            } else {
                p.add("cursor: column '" + cursor + "' is not in segment " + segment + where
                        + MappingSources.suggestion(
                                cursor,
                                columns.stream().map(SegmentColumn::name).toList())
                        + "; its columns are: "
                        + columns.stream().map(SegmentColumn::name).collect(Collectors.joining(", ")));
            }
        } else if (cursor != null && !cursor.isBlank()) {
            Optional<SegmentColumn> found = find(columns, cursor.strip());
            if (found.isPresent()) {
                SegmentReader.CursorType type;
                try {
                    type = segments.cursorType(segment, found.get().name());
                } catch (RuntimeException e) {
                    p.add("cursor: the type of column '" + found.get().name() + "' cannot be read: " + rootMessage(e));
                    return byField;
                }
                if (type.problem() != null) {
                    p.add("cursor: column '" + found.get().name() + "' cannot be a cursor: " + type.problem());
                } else {
                    byField.put(CURSOR, new SegmentColumn(found.get().name(), type.sqlType()));
                }
            } else {
                p.add("cursor: column '" + cursor + "' is not in segment " + segment + where
                        + MappingSources.suggestion(
                                cursor,
                                columns.stream().map(SegmentColumn::name).toList())
                        + "; its columns are: "
                        + columns.stream().map(SegmentColumn::name).collect(Collectors.joining(", ")));
            }
        }
        return byField;
    }

    /** The segment's source did not answer: the activation waits for it, its configuration is not in question. */
    static final class SourceNotAnswering extends RuntimeException {
        final String sourceId;
        final String reason;

        SourceNotAnswering(String sourceId, String reason) {
            super("source '" + sourceId + "' does not answer: " + reason, null, false, false);
            this.sourceId = sourceId;
            this.reason = reason;
        }
    }

    private static Optional<SegmentColumn> find(List<SegmentColumn> columns, String wanted) {
        return columns.stream()
                .filter(c -> c.name().equals(wanted))
                .findFirst()
                .or(() -> columns.stream()
                        .filter(c -> c.name().equalsIgnoreCase(wanted))
                        .findFirst());
    }

    /** The database's own words (first line, without PostgreSQL's "ERROR: " prefix), not a stack trace. */
    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        String first = m.lines().findFirst().orElse(m);
        return first.startsWith("ERROR: ") ? first.substring("ERROR: ".length()) : first;
    }
}
