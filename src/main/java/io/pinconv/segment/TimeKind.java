package io.pinconv.segment;

/**
 * What a column's values are as points in time, which decides what the look-back window binds against it: an
 * instant (the value names one moment whatever the session's zone), a wall-clock time (read in the activation's
 * zone), a date, a number of seconds or milliseconds since 1970, or text (not filtered in SQL: the mapping holds
 * old rows back).
 */
public enum TimeKind {
    INSTANT,
    WALL_CLOCK,
    DATE,
    EPOCH_NUMBER,
    TEXT
}
