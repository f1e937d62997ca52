package io.pinconv.ledger;

import java.sql.PreparedStatement;
import java.util.Collection;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Deletes an activation's rows for a chunk's event ids, the ids as one array parameter: a list of
 * 1,000 placeholders costs the driver and the server more. Shared by the pending store and the
 * rejections, whose tables are both keyed by (event_id, activation_id).
 */
final class EventIdDeletes {

    private EventIdDeletes() {}

    /** @param table a table of schema conversions with columns activation_id and event_id (never user input) */
    static void delete(JdbcTemplate jdbc, String table, String activationId, Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return;
        }
        jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement(
                    "DELETE FROM conversions." + table + " WHERE activation_id = ? AND event_id = ANY (?)");
            ps.setString(1, activationId);
            ps.setArray(2, con.createArrayOf("varchar", eventIds.toArray()));
            return ps;
        });
    }
}
