package io.pinconv.ledger;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The last settled cursor position of each activation that has a cursor. */
@Repository
public class CursorPositions {

    private final JdbcTemplate jdbc;

    public CursorPositions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The position, or null when there is none for this cursor column (first run, or the cursor changed). */
    public String position(String activationId, String cursorColumn) {
        List<String> p = jdbc.queryForList(
                "SELECT position FROM conversions.activation_cursor WHERE activation_id = ? AND cursor_column = ?",
                String.class,
                activationId,
                cursorColumn);
        return p.isEmpty() ? null : p.get(0);
    }

    public void advance(String activationId, String cursorColumn, String position, Instant at) {
        int updated = jdbc.update("""
                UPDATE conversions.activation_cursor SET cursor_column = ?, position = ?, updated_at = ? WHERE activation_id = ?""", cursorColumn, position, Timestamp.from(at), activationId);
        if (updated == 0) {
            jdbc.update("""
                    INSERT INTO conversions.activation_cursor (activation_id, cursor_column, position, updated_at)
                    VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING""", activationId, cursorColumn, position, Timestamp.from(at));
        }
    }

    /** Forgets the position: the next run reads the whole look-back window again (a backfill). */
    public void reset(String activationId) {
        jdbc.update("DELETE FROM conversions.activation_cursor WHERE activation_id = ?", activationId);
    }
}
