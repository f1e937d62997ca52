package io.pinconv.api;

import io.pinconv.text.SafeText;

/**
 * The free text an operator gives as a reason (a pause's {@code ?reason=}, a replay's "reason"). It ends
 * up in log lines, the pending store and alert webhooks, so it is bounded, and it loses every control
 * character ({@link SafeText}).
 */
public final class Reasons {

    public static final int MAX_LENGTH = 500;

    private Reasons() {}

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
            throw new IllegalArgumentException(
                    "reason is too long: at most " + MAX_LENGTH + " characters (found " + length + ")");
        }
        String cleaned = SafeText.withoutControlCharacters(raw).strip();
        return cleaned.isEmpty() ? null : cleaned;
    }
}
