package io.pinconv.ledger;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The dead-letter store: events whose request failed after every retry, with the cause. They are not
 * lost: the next run reads them again (they are neither delivered nor rejected) and sends them.
 */
@Repository
public class PendingEvents {

    private final JdbcTemplate jdbc;

    public PendingEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records (or counts one more failure of) events that could not be delivered. */
    public void record(String activationId, long runId, Collection<String> eventIds, String cause, Instant at) {
        if (eventIds.isEmpty()) {
            return;
        }
        Timestamp ts = Timestamp.from(at);
        String c = cause.length() > 2000 ? cause.substring(0, 2000) : cause;
        List<Object[]> updates = new ArrayList<>();
        List<String> ids = List.copyOf(eventIds);
        for (String id : ids) {
            updates.add(new Object[] {c, ts, runId, id, activationId});
        }
        int[] updated = jdbc.batchUpdate("""
                UPDATE conversions.pending_event SET cause = ?, attempts = attempts + 1, last_failed_at = ?, last_run_id = ?
                WHERE event_id = ? AND activation_id = ?""", updates);
        List<Object[]> inserts = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (updated[i] == 0) {
                inserts.add(new Object[] {ids.get(i), activationId, c, ts, ts, runId});
            }
        }
        if (!inserts.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO conversions.pending_event (event_id, activation_id, cause, attempts, first_failed_at, last_failed_at, last_run_id)
                    VALUES (?, ?, ?, 1, ?, ?, ?) ON CONFLICT DO NOTHING""", inserts);
        }
    }

    /** Forgets events that have since been delivered or rejected. */
    public void resolve(String activationId, Collection<String> eventIds) {
        EventIdDeletes.delete(jdbc, "pending_event", activationId, eventIds);
    }
}
