package io.pinconv.ledger;

import io.pinconv.pinterest.MatchQuality;
import java.time.Instant;

/**
 * A run as recorded: what it read, delivered, rejected and skipped, and how many delivered events
 * carried each kind of identifier. In a dry run "delivered" counts the events written to the dry-run
 * output; in test mode, the events Pinterest validated.
 */
public record RunSummary(long id, String activationId, String status, boolean dryRun, boolean testMode,
                         Instant startedAt, Instant finishedAt, long read, long delivered, long rejected, long skipped,
                         long requests, String failure, MatchQuality match) {

    /** Rows read in this run that ended neither delivered, rejected nor skipped: sent again by a later run. */
    public long pending() {
        return Math.max(0, read - delivered - rejected - skipped);
    }
}
