package io.pinconv.text;

import java.util.regex.Pattern;

/**
 * Text from outside (an operator's reason, Pinterest's messages, a run's failure) made fit for log lines,
 * the ledger and alert webhooks: a line break in it could otherwise forge a log line of its own, and
 * invisible format characters (bidirectional overrides, U+2028) make a log say something other than what
 * it shows. Kept in a package of its own, below all others, because the admin API, the delivery steps and
 * the alerts all need it and none of them may depend on another for it.
 */
public final class SafeText {

    // line breaks and tabs become a space so that the words around them stay apart
    private static final Pattern BREAKS = Pattern.compile("[\\p{Cc}\\p{Zl}\\p{Zp}]+");
    // format characters (zero-width, bidirectional controls) and lone surrogates are dropped
    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cf}\\p{Cs}]+");

    private SafeText() {}

    /** The text on one line and without invisible characters, whatever its length; null stays null. */
    public static String withoutControlCharacters(String text) {
        return text == null
                ? null
                : INVISIBLE.matcher(BREAKS.matcher(text).replaceAll(" ")).replaceAll("");
    }
}
