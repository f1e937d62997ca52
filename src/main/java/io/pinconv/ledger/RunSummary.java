package io.pinconv.ledger;

import io.pinconv.mapping.Lateness;
import io.pinconv.mapping.MatchQuality;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run as recorded: what it read, delivered, rejected and skipped, and how many delivered events
 * carried each kind of identifier. In a dry run "delivered" counts the events written to the dry-run
 * output; in test mode, the events Pinterest validated.
 *
 * @param fieldsDropped per field, how many events the run sent without it because its value could not be normalised
 * @param startedBy     what started the run: {@code schedule}, {@code catch-up} (a firing run well after its time, the
 *                      service having been down then) or {@code run now}
 */
public record RunSummary(
        long id,
        String activationId,
        String status,
        boolean dryRun,
        boolean testMode,
        Instant startedAt,
        Instant finishedAt,
        long read,
        long delivered,
        long rejected,
        long skipped,
        long requests,
        String failure,
        MatchQuality match,
        Map<String, Long> fieldsDropped,
        String startedBy,
        Lateness lateness,
        long firstHeld,
        long duplicateIds) {

    public RunSummary {
        fieldsDropped = fieldsDropped == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(fieldsDropped));
    }

    public RunSummary withFieldsDropped(Map<String, Long> dropped) {
        return new RunSummary(
                id,
                activationId,
                status,
                dryRun,
                testMode,
                startedAt,
                finishedAt,
                read,
                delivered,
                rejected,
                skipped,
                requests,
                failure,
                match,
                dropped,
                startedBy,
                lateness,
                firstHeld,
                duplicateIds);
    }

    /** Rows read in this run that ended neither delivered, rejected nor skipped: sent again by a later run. */
    public long pending() {
        return Math.max(0, read - delivered - rejected - skipped);
    }
}
