package io.pinconv.segment;

import java.util.Map;
import java.util.StringJoiner;

/**
 * The SELECT that reads a segment: each mapped column once per field that uses it, under the field's
 * name, so that the mapping reads rows by Pinterest field and never by column.
 */
public final class SegmentQuery {

    private SegmentQuery() { }

    /**
     * @param table   a name that passed {@link SegmentNames#isValidTable}
     * @param columns the column (as the database names it) behind each field name
     */
    public static String select(String table, Map<String, String> columns) {
        StringJoiner select = new StringJoiner(", ", "SELECT ", " FROM " + table.strip());
        columns.forEach((field, column) -> select.add(SegmentNames.quoteColumn(column) + " AS " + SegmentNames.quoteColumn(field)));
        return select.toString();
    }
}
