package io.pinconv.activation;

import io.pinconv.mapping.PinterestField;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the right-hand side of a mapping entry means. A column name, or a constant sent for every row:
 * {@code =text} (e.g. {@code action_source: =offline}), {@code true}, {@code false} or a number
 * (none of which can be an unquoted PostgreSQL column name).
 */
final class MappingSources {

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private MappingSources() {}

    static boolean isConstant(String source) {
        String s = source.strip();
        return s.startsWith("=")
                || s.equalsIgnoreCase("true")
                || s.equalsIgnoreCase("false")
                || NUMBER.matcher(s).matches();
    }

    static Object constant(String source) {
        String s = source.strip();
        if (s.startsWith("=")) {
            return s.substring(1).strip();
        }
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return Boolean.valueOf(s.toLowerCase(Locale.ROOT));
        }
        return new BigDecimal(s);
    }

    /** "; did you mean x?" for the nearest field name, or nothing when none is near. */
    static String suggestion(String name) {
        return suggestion(name, PinterestField.names());
    }

    /** " (did you mean x?)" for the nearest of the candidates, when one is near enough to be a misspelling; else "". */
    static String suggestion(String name, Collection<String> candidates) {
        String n = name.toLowerCase(Locale.ROOT);
        return candidates.stream()
                .map(f -> new Object[] {f, distance(n, f.toLowerCase(Locale.ROOT))})
                .min(Comparator.comparingInt(o -> (Integer) o[1]))
                .filter(o -> (Integer) o[1] <= Math.max(2, n.length() / 3))
                .map(o -> " (did you mean " + o[0] + "?)")
                .orElse("");
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(
                        Math.min(cur[j - 1] + 1, prev[j] + 1),
                        prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
