package io.pinconv.segment;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * A cursor position of a segment in a source, kept as text that names its Java type ({@code instant:},
 * {@code local:}, {@code date:}, {@code number:}, {@code text:}), so that it is bound back as the very value the
 * engine gave: no cast by a type name, no engine's text form of a time to parse again.
 */
public final class CursorValue {

    private CursorValue() {}

    /** The position a row's cursor value (as RowValues.convertByKind gives it) is kept as; null for none. */
    public static String encode(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return "instant:" + i;
        }
        if (value instanceof LocalDateTime t) {
            return "local:" + t;
        }
        if (value instanceof LocalDate d) {
            return "date:" + d;
        }
        if (value instanceof BigDecimal b) {
            return "number:" + b.toPlainString();
        }
        if (value instanceof Long
                || value instanceof Integer
                || value instanceof Short
                || value instanceof Byte
                || value instanceof BigInteger) {
            return "number:" + value;
        }
        if (value instanceof String s) {
            return "text:" + s;
        }
        throw new IllegalArgumentException("a cursor column whose values are "
                + value.getClass().getSimpleName() + " cannot order rows: use a number, a timestamp, a date or text");
    }

    /**
     * The value a run reads from: the position, less the overlap for a time (rows that committed late with an
     * earlier value are read again; the ledger skips those already delivered). Numbers and text are read from the
     * position itself.
     *
     * @throws IllegalArgumentException for a position no run of a source wrote
     */
    public static Object from(String position, Dialect dialect, Duration overlap) {
        int colon = position == null ? -1 : position.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("'" + position + "' is not a cursor position of a source");
        }
        String value = position.substring(colon + 1);
        return switch (position.substring(0, colon)) {
            case "instant" -> dialect.instant(Instant.parse(value).minus(overlap));
            case "local" -> LocalDateTime.parse(value).minus(overlap);
            case "date" -> LocalDate.parse(value).minusDays(overlap.toDays());
            case "number" -> new BigDecimal(value);
            case "text" -> value;
            default -> throw new IllegalArgumentException("'" + position + "' is not a cursor position of a source");
        };
    }
}
