package io.pinconv.routes;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds, in a text of a route, the simple functions Camel evaluates in it ({@code ${...}} and
 * {@code $simple{...}}). Nested ones are found too: each opening is reported on its own, so
 * {@code ${bean:x?method=m(${sys.y})}} yields both functions.
 */
final class ExpressionScan {

    private ExpressionScan() {}

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
