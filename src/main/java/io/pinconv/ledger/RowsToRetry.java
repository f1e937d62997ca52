package io.pinconv.ledger;

import io.pinconv.mapping.RejectionReason;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The event ids of an activation's rows that a run past the cursor must read again: pending (not delivered yet) or
 * held back (a fixed row is then sent). A segment in the state database joins them in SQL; a source is asked for
 * them by id, a bounded number per run.
 */
@Repository
public class RowsToRetry {

    private final JdbcTemplate jdbc;

    public RowsToRetry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * At most {@code limit} of them: the pending first (they are owed a delivery), then the held back; in each, those
     * looked at longest ago first, a row being looked at when a run held it back or failed it again, or asked for it
     * (stamped here): with more than the limit, the next run asks for the next ones, even when the source no longer
     * returns some. A row held back as too old is never asked for again: it will not get younger.
     */
    public List<String> ids(String activationId, int limit) {
        return jdbc.queryForList(
                """
                WITH chosen AS (
                    SELECT event_id FROM (
                        SELECT event_id, 0 AS owed, greatest(last_failed_at, retried_at) AS looked_at
                        FROM conversions.pending_event WHERE activation_id = ?
                        UNION ALL
                        SELECT event_id, 1, greatest(last_seen, retried_at) FROM conversions.rejection
                        WHERE activation_id = ? AND reason <> ?
                    ) retry
                    GROUP BY event_id ORDER BY min(owed), min(looked_at), event_id LIMIT ?),
                asked_pending AS (
                    UPDATE conversions.pending_event SET retried_at = clock_timestamp()
                    WHERE activation_id = ? AND event_id IN (SELECT event_id FROM chosen)),
                asked_held AS (
                    UPDATE conversions.rejection SET retried_at = clock_timestamp()
                    WHERE activation_id = ? AND event_id IN (SELECT event_id FROM chosen))
                SELECT event_id FROM chosen""",
                String.class,
                activationId,
                activationId,
                RejectionReason.EVENT_TIME_TOO_OLD.code(),
                limit,
                activationId,
                activationId);
    }
}
