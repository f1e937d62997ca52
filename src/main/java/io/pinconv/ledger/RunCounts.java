package io.pinconv.ledger;

/** What one chunk adds to its run's counters. */
public record RunCounts(long read, long delivered, long rejected, long skipped, long requests) {

    public static RunCounts read(long read, long rejected, long skipped) {
        return new RunCounts(read, 0, rejected, skipped, 0);
    }

    public static RunCounts sent(long delivered, long rejected) {
        return new RunCounts(0, delivered, rejected, 0, 1);
    }
}
