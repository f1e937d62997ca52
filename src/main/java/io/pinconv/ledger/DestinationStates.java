package io.pinconv.ledger;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Destinations whose token Pinterest refused, shared by every instance through the database. */
@Repository
public class DestinationStates {

    /** A refusal as recorded; the fingerprint tells whether the token has changed since. */
    public record Refusal(
            String destinationId, String tokenFingerprint, Instant refusedAt, int status, String message) {}

    private final JdbcTemplate jdbc;

    public DestinationStates(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void refused(String destinationId, String tokenFingerprint, int status, String message, Instant at) {
        String m = message.length() > 2000 ? message.substring(0, 2000) : message;
        int updated = jdbc.update("""
                UPDATE conversions.destination_state SET token_fingerprint = ?, refused_at = ?, status = ?, message = ?
                WHERE destination_id = ?""", tokenFingerprint, Timestamp.from(at), status, m, destinationId);
        if (updated == 0) {
            jdbc.update("""
                    INSERT INTO conversions.destination_state (destination_id, token_fingerprint, refused_at, status, message)
                    VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", destinationId, tokenFingerprint, Timestamp.from(at), status, m);
        }
    }

    public void cleared(String destinationId) {
        jdbc.update("DELETE FROM conversions.destination_state WHERE destination_id = ?", destinationId);
    }

    public Optional<Refusal> refusal(String destinationId) {
        List<Refusal> r = jdbc.query(
                """
                SELECT destination_id, token_fingerprint, refused_at, status, message FROM conversions.destination_state
                WHERE destination_id = ?""",
                (rs, n) -> new Refusal(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getTimestamp(3).toInstant(),
                        rs.getInt(4),
                        rs.getString(5)),
                destinationId);
        return r.stream().findFirst();
    }
}
