package io.pinconv.ledger;

import io.pinconv.mapping.FieldWarning;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The fields events were sent without, per event, as the user sees them at /api/activations/{id}/warnings. */
@Repository
public class FieldWarnings {

    private final JdbcTemplate jdbc;

    public FieldWarnings(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
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
        EventIdDeletes.delete(jdbc, "field_warning", activationId, judged);
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
