package io.pinconv.segment;

import java.util.regex.Pattern;

/** Segment and column names are put into SQL, so only plain identifiers pass, and columns are quoted. */
public final class SegmentNames {

    private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*)?");

    private SegmentNames() {}

    public static boolean isValidTable(String name) {
        return name != null && TABLE.matcher(name.strip()).matches();
    }

    /** A column name exactly as the database reports it, quoted so that case and keywords are safe. */
    public static String quoteColumn(String column) {
        return '"' + column.replace("\"", "\"\"") + '"';
    }
}
