package io.pinconv.ledger;

import io.pinconv.mapping.MatchQuality;

/** What one chunk adds to its run's counters. */
public record RunCounts(long read, long delivered, long rejected, long skipped, long requests, MatchQuality match) {

    public static RunCounts read(long read, long rejected, long skipped) {
        return new RunCounts(read, 0, rejected, skipped, 0, MatchQuality.NONE);
    }

    public static RunCounts sent(long delivered, long rejected, MatchQuality match) {
        return new RunCounts(0, delivered, rejected, 0, 1, match);
    }

    public static RunCounts dryRun(long written, MatchQuality match) {
        return new RunCounts(0, written, 0, 0, 0, match);
    }
}
