package io.pinconv.mapping;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Small helpers to read raw JDBC values the same way in every rule. */
final class Values {

    private Values() {}

    /** A trimmed string form, or null when blank. Numbers come out in plain notation. */
    static String text(Object raw) {
        String s;
        if (raw instanceof BigDecimal d) {
            s = d.toPlainString();
        } else if (raw instanceof Double || raw instanceof Float) {
            s = BigDecimal.valueOf(((Number) raw).doubleValue()).toPlainString();
        } else {
            s = raw.toString();
        }
        s = s.strip();
        return s.isEmpty() ? null : s;
    }

    /** A column holding an array (SQL array, collection) feeds a multi-valued field; anything else is one value. */
    static List<Object> elements(Object raw) {
        List<Object> out = new ArrayList<>();
        if (raw instanceof Collection<?> c) {
            for (Object o : c) {
                if (o != null) {
                    out.add(o);
                }
            }
        } else if (raw.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(raw); i++) {
                Object o = Array.get(raw, i);
                if (o != null) {
                    out.add(o);
                }
            }
        } else {
            out.add(raw);
        }
        return out;
    }

    /** A decimal from a number or a numeric string, or null when it is not one. */
    static BigDecimal decimal(Object raw) {
        if (raw instanceof BigDecimal d) {
            return d;
        }
        if (raw instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (raw instanceof Long || raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
            return BigDecimal.valueOf(((Number) raw).longValue());
        }
        if (raw instanceof Double || raw instanceof Float) {
            double d = ((Number) raw).doubleValue();
            return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
        }
        String s = text(raw);
        if (s == null) {
            return null;
        }
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
