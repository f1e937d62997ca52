package io.pinconv.ledger;

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

    /** At most {@code limit} of them, the same first ones each run until they are settled. */
    public List<String> ids(String activationId, int limit) {
        return jdbc.queryForList("""
                SELECT event_id FROM conversions.pending_event WHERE activation_id = ?
                UNION SELECT event_id FROM conversions.rejection WHERE activation_id = ?
                ORDER BY 1 LIMIT ?""", String.class, activationId, activationId, limit);
    }
}
