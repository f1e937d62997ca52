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
     * looked at longest ago first. A row read again is stamped (last failed, last seen), so with more than the limit
     * the next run reads the next ones. A row held back as too old is never read again: it will not get younger.
     */
    public List<String> ids(String activationId, int limit) {
        return jdbc.queryForList(
                """
                SELECT event_id FROM (
                    SELECT event_id, 0 AS owed, last_failed_at AS looked_at FROM conversions.pending_event
                    WHERE activation_id = ?
                    UNION ALL
                    SELECT event_id, 1, last_seen FROM conversions.rejection
                    WHERE activation_id = ? AND reason <> ?
                ) retry
                GROUP BY event_id ORDER BY min(owed), min(looked_at), event_id LIMIT ?""", String.class, activationId, activationId, RejectionReason.EVENT_TIME_TOO_OLD.code(), limit);
    }
}
