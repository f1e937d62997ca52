package io.pinconv.ledger;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Which activations an operator paused. */
@Repository
public class ActivationStates {

    private final JdbcTemplate jdbc;

    public ActivationStates(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public boolean isPaused(String activationId) {
        return Boolean.TRUE.equals(jdbc.query(
                "SELECT paused FROM conversions.activation_state WHERE activation_id = ?",
                rs -> rs.next() ? rs.getBoolean(1) : Boolean.FALSE,
                activationId));
    }

    public Set<String> paused() {
        return new HashSet<>(
                jdbc.queryForList("SELECT activation_id FROM conversions.activation_state WHERE paused", String.class));
    }

    public void setPaused(String activationId, boolean paused, String reason, Instant at) {
        int updated = jdbc.update(
                "UPDATE conversions.activation_state SET paused = ?, changed_at = ?, reason = ? WHERE activation_id = ?",
                paused,
                Timestamp.from(at),
                reason,
                activationId);
        if (updated == 0) {
            jdbc.update("""
                    INSERT INTO conversions.activation_state (activation_id, paused, changed_at, reason) VALUES (?, ?, ?, ?)
                    ON CONFLICT DO NOTHING""", activationId, paused, Timestamp.from(at), reason);
        }
    }
}
