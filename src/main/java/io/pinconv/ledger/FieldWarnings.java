package io.pinconv.ledger;

import io.pinconv.mapping.FieldWarning;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The fields events were sent without, per event, as the user sees them at /api/activations/{id}/warnings. */
@Repository
public class FieldWarnings {

    /** The reason of the warning about rows of a segment that share one event id. */
    public static final String DUPLICATE = "duplicate_event_id";

    private final JdbcTemplate jdbc;

    public FieldWarnings(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Event ids more than one row of the segment has: the first row read was sent (or held back), the others
     * skipped. One warning per id (field event_id), at /api/activations/{id}/warnings.
     *
     * @param repeats by event id, how many rows after the first were skipped
     */
    public void duplicates(String activationId, long runId, Map<String, Integer> repeats, Instant at) {
        if (repeats.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>();
        repeats.forEach((id, n) -> rows.add(new Object[] {
            activationId,
            id,
            DUPLICATE,
            (n + 1) + " rows of the segment have this event id: the first read was sent (or held back with its"
                    + " reason), the " + (n == 1 ? "other was" : "other " + n + " were") + " skipped; give each"
                    + " conversion its own id (mapping.event_id)",
            runId,
            Timestamp.from(at)
        }));
        jdbc.batchUpdate("""
                INSERT INTO conversions.field_warning (activation_id, event_id, field, reason, message, run_id, seen_at)
                VALUES (?, ?, 'event_id', ?, ?, ?, ?)
                ON CONFLICT (event_id, activation_id, field) DO UPDATE
                    SET reason = EXCLUDED.reason, message = EXCLUDED.message, run_id = EXCLUDED.run_id,
                        seen_at = EXCLUDED.seen_at""", rows);
    }

    /**
     * A chunk's rows were judged: their earlier warnings go (a row fixed since, or held back now, has
     * none left) and the new ones are written. Two statements for the whole chunk, the values as arrays.
     *
     * @param judged   the event ids of every row mapped in the chunk, sent or held back
     * @param warnings the warnings of the events sent
     */
    public void replace(
            String activationId, long runId, Collection<String> judged, List<FieldWarning> warnings, Instant at) {
        if (!judged.isEmpty()) {
            // a repeated event id stays said for the run that found it (the chunk with the first row of the id may be
            // judged after the repeat); a later run that judges the id again without a repeat clears it
            jdbc.update(con -> {
                PreparedStatement ps = con.prepareStatement(
                        "DELETE FROM conversions.field_warning WHERE activation_id = ? AND event_id = ANY (?)"
                                + " AND (reason <> '" + DUPLICATE + "' OR run_id <> ?)");
                ps.setString(1, activationId);
                ps.setArray(2, con.createArrayOf("varchar", judged.toArray()));
                ps.setLong(3, runId);
                return ps;
            });
        }
        if (warnings.isEmpty()) {
            return;
        }
        int n = warnings.size();
        String[] ids = new String[n];
        String[] fields = new String[n];
        String[] reasons = new String[n];
        String[] messages = new String[n];
        for (int i = 0; i < n; i++) {
            FieldWarning w = warnings.get(i);
            ids[i] = w.eventId();
            fields[i] = w.field();
            reasons[i] = w.reason();
            messages[i] =
                    w.message().length() <= 2000 ? w.message() : w.message().substring(0, 2000);
        }
        jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement("""
                    INSERT INTO conversions.field_warning (activation_id, event_id, field, reason, message, run_id, seen_at)
                    SELECT ?, w.id, w.field, w.reason, w.message, ?, ?
                    FROM unnest(CAST(? AS VARCHAR ARRAY), CAST(? AS VARCHAR ARRAY), CAST(? AS VARCHAR ARRAY),
                                CAST(? AS VARCHAR ARRAY)) AS w(id, field, reason, message)
                    ON CONFLICT DO NOTHING""");
            ps.setString(1, activationId);
            ps.setLong(2, runId);
            ps.setTimestamp(3, Timestamp.from(at));
            ps.setArray(4, con.createArrayOf("varchar", ids));
            ps.setArray(5, con.createArrayOf("varchar", fields));
            ps.setArray(6, con.createArrayOf("varchar", reasons));
            ps.setArray(7, con.createArrayOf("varchar", messages));
            return ps;
        });
    }
}
