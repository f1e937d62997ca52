package io.pinconv.ledger;

import io.pinconv.mapping.Lateness;
import io.pinconv.mapping.MatchQuality;

/**
 * What one chunk adds to its run's counters.
 *
 * @param firstHeld rows held back for the first time (the others were held back by an earlier run already)
 */
public record RunCounts(
        long read,
        long delivered,
        long rejected,
        long skipped,
        long requests,
        MatchQuality match,
        Lateness lateness,
        long firstHeld,
        long duplicateIds) {

    public static RunCounts read(long read, long rejected, long skipped) {
        return new RunCounts(read, 0, rejected, skipped, 0, MatchQuality.NONE, Lateness.NONE, 0, 0);
    }

    /** Rows held back, and how many of them for the first time. */
    public static RunCounts held(long held, long firstHeld) {
        return new RunCounts(0, 0, held, 0, 0, MatchQuality.NONE, Lateness.NONE, firstHeld, 0);
    }

    /** Rows of the segment whose event id another row of the segment has too (all but the first of each). */
    public static RunCounts duplicates(long rows) {
        return new RunCounts(0, 0, 0, 0, 0, MatchQuality.NONE, Lateness.NONE, 0, rows);
    }

    public static RunCounts sent(
            long delivered, long rejected, long firstRejected, MatchQuality match, Lateness lateness) {
        return new RunCounts(0, delivered, rejected, 0, 1, match, lateness, firstRejected, 0);
    }

    public static RunCounts dryRun(long written, MatchQuality match, Lateness lateness) {
        return new RunCounts(0, written, 0, 0, 0, match, lateness, 0, 0);
    }
}
