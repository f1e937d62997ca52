package io.pinconv.mapping;

import java.util.Locale;

/**
 * What a value that cannot be normalised costs, per activation ({@code on-invalid-field}): the field
 * (the event goes without it) or the whole row. Values the event cannot do without always hold the row.
 */
public enum InvalidFieldPolicy {
    /** Leave the field out, send the event and record a field warning. */
    DROP,
    /** Hold the row back (the behaviour before field warnings existed). */
    HOLD;

    /** The policy a configuration names (any case; none means drop), or null when it names none. */
    public static InvalidFieldPolicy parse(String configured) {
        if (configured == null || configured.isBlank()) {
            return DROP;
        }
        return switch (configured.strip().toLowerCase(Locale.ROOT)) {
            case "drop" -> DROP;
            case "hold" -> HOLD;
            default -> null;
        };
    }
}
