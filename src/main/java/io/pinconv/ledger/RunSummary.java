package io.pinconv.ledger;

import java.time.Instant;

/** A run as recorded: what it read, delivered, rejected and skipped. */
public record RunSummary(long id, String activationId, String status, boolean dryRun, Instant startedAt,
                         Instant finishedAt, long read, long delivered, long rejected, long skipped, long requests,
                         String failure) {

    /** Rows read in this run that ended neither delivered, rejected nor skipped: sent again by a later run. */
    public long pending() {
        return Math.max(0, read - delivered - rejected - skipped);
    }
}
