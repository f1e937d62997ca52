package io.pinconv.mapping;

import java.util.Locale;

/** Why a row is held back; the code is what users filter on, stored in the rejections table. */
public enum RejectionReason {
    EVENT_ID_MISSING,
    EVENT_TIME_MISSING,
    EVENT_TIME_INVALID,
    EVENT_TIME_IN_FUTURE,
    EVENT_TIME_TOO_OLD,
    ACTION_SOURCE_MISSING,
    ACTION_SOURCE_INVALID,
    NO_IDENTIFIER,
    VALUE_MISSING,
    VALUE_INVALID,
    CURRENCY_MISSING,
    CURRENCY_INVALID,
    CONTENTS_INVALID,
    INVALID_VALUE,
    REFUSED_BY_PINTEREST;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The reason for a value of this field that its rule refuses. */
    static RejectionReason invalid(PinterestField field) {
        return switch (field) {
            case ACTION_SOURCE -> ACTION_SOURCE_INVALID;
            case EVENT_TIME -> EVENT_TIME_INVALID;
            case VALUE -> VALUE_INVALID;
            case CURRENCY -> CURRENCY_INVALID;
            case CONTENTS -> CONTENTS_INVALID;
            default -> INVALID_VALUE;
        };
    }
}
