package io.pinconv.api;

import java.util.regex.Pattern;

/**
 * The free text an operator gives as a reason (a pause's {@code ?reason=}, a replay's "reason"). It ends
 * up in log lines, the pending store and alert webhooks, so it is bounded, and it loses every control
 * character: a line break in it could otherwise forge a log line of its own, and invisible format
 * characters (bidirectional overrides, U+2028) make a log say something other than what it shows.
 */
public final class Reasons {

    public static final int MAX_LENGTH = 500;

    // line breaks and tabs become a space so that the words around them stay apart
    private static final Pattern BREAKS = Pattern.compile("[\\p{Cc}\\p{Zl}\\p{Zp}]+");
    // format characters (zero-width, bidirectional controls) and lone surrogates are dropped
    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cf}\\p{Cs}]+");

    private Reasons() { }

    /**
     * The reason as it may be logged and sent on; null when none was given (or nothing readable was).
     *
     * @throws IllegalArgumentException when it is longer than {@value #MAX_LENGTH} characters
     */
    public static String clean(String raw) {
        if (raw == null) {
            return null;
        }
        int length = raw.codePointCount(0, raw.length());
        if (length > MAX_LENGTH) {
            throw new IllegalArgumentException("reason is too long: at most " + MAX_LENGTH + " characters (found " + length + ")");
        }
        String cleaned = withoutControlCharacters(raw).strip();
        return cleaned.isEmpty() ? null : cleaned;
    }

    /** The text on one line and without invisible characters, whatever its length; null stays null. */
    public static String withoutControlCharacters(String text) {
        return text == null ? null : INVISIBLE.matcher(BREAKS.matcher(text).replaceAll(" ")).replaceAll("");
    }
}
