package io.pinconv.ledger;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
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

    /** Records (or counts one more failure of) events that could not be delivered: one statement for them all. */
    public void record(String activationId, long runId, Collection<String> eventIds, String cause, Instant at) {
        if (eventIds.isEmpty()) {
            return;
        }
        // each id once: ON CONFLICT updates a row once per statement
        String[] ids = new LinkedHashSet<>(eventIds).toArray(String[]::new);
        String c = cause.length() > 2000 ? cause.substring(0, 2000) : cause;
        Timestamp ts = Timestamp.from(at);
        jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement("""
                    INSERT INTO conversions.pending_event AS p
                        (event_id, activation_id, cause, attempts, first_failed_at, last_failed_at, last_run_id)
                    SELECT e.id, ?, ?, 1, ?, ?, ? FROM unnest(?::varchar[]) AS e(id)
                    ON CONFLICT (event_id, activation_id) DO UPDATE SET cause = EXCLUDED.cause, attempts = p.attempts + 1,
                        last_failed_at = EXCLUDED.last_failed_at, last_run_id = EXCLUDED.last_run_id""");
            ps.setString(1, activationId);
            ps.setString(2, c);
            ps.setTimestamp(3, ts);
            ps.setTimestamp(4, ts);
            ps.setLong(5, runId);
            ps.setArray(6, con.createArrayOf("varchar", ids));
            return ps;
        });
    }

    /** Forgets events that have since been delivered or rejected. */
    public void resolve(String activationId, Collection<String> eventIds) {
        EventIdDeletes.delete(jdbc, "pending_event", activationId, eventIds);
    }
}
