package io.pinconv.routes;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds, in any text of a route file, what Camel evaluates in it: the simple functions ({@code ${...}} and
 * {@code $simple{...}}) and the property placeholders ({@code {{...}}}). Nested ones are found too: each
 * opening is reported on its own, so {@code ${bean:x?method=m(${sys.y})}} yields both functions.
 */
final class ExpressionScan {

    private ExpressionScan() { }

    /** The text inside each {@code ${...}} / {@code $simple{...}}, stripped. */
    static List<String> simpleFunctions(String text) {
        List<String> found = new ArrayList<>();
        for (int i = text.indexOf('$'); i >= 0; i = text.indexOf('$', i + 1)) {
            int open;
            if (text.startsWith("${", i)) {
                open = i + 2;
            } else if (text.startsWith("$simple{", i)) {
                open = i + "$simple{".length();
            } else {
                continue;
            }
            found.add(text.substring(open, closing(text, open)).strip());
        }
        return found;
    }

    /** The text inside each {@code {{...}}}, without Camel's optional/negate prefixes ({@code ?}, {@code !}). */
    static List<String> placeholders(String text) {
        List<String> found = new ArrayList<>();
        for (int i = text.indexOf("{{"); i >= 0; i = text.indexOf("{{", i + 2)) {
            int end = text.indexOf("}}", i + 2);
            int nested = text.indexOf("{{", i + 2);
            int stop = end < 0 ? text.length() : end;
            if (nested >= 0 && nested < stop) {
                stop = nested;
            }
            String inside = text.substring(i + 2, stop).strip();
            while (inside.startsWith("?") || inside.startsWith("!")) {
                inside = inside.substring(1);
            }
            found.add(inside);
        }
        return found;
    }

    /** The name of a placeholder: what comes before its default value ({@code name:default}). */
    static String placeholderName(String inside) {
        int colon = inside.indexOf(':');
        return (colon < 0 ? inside : inside.substring(0, colon)).strip();
    }

    // an unclosed ${ runs to the end: Camel refuses it later, but its start is still checked here
    private static int closing(String text, int open) {
        int depth = 1;
        for (int j = open; j < text.length(); j++) {
            char c = text.charAt(j);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return j;
            }
        }
        return text.length();
    }
}
