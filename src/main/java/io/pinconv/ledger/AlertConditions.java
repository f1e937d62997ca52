package io.pinconv.ledger;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The alert conditions in force, kept in the database so that a condition is said once when it starts and once when
 * it ends, whichever run or instance sees it: a row appears (said) when it starts, goes (said) when it ends.
 */
@Repository
public class AlertConditions {

    /** A condition in force. */
    public record Open(String scope, String ownerId, String kind, String subject, Instant raisedAt, String message) {}

    private final JdbcTemplate jdbc;

    public AlertConditions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Opens the condition; true only for the caller that opened it (it was not in force). */
    public boolean open(String scope, String ownerId, String kind, String subject, String message, Instant at) {
        // one statement: the condition and its log line together, or neither
        Timestamp ts = Timestamp.from(at);
        String m = clip(message);
        return jdbc.update("""
                WITH opened AS (
                    INSERT INTO conversions.alert_open (scope, owner_id, kind, subject, raised_at, message)
                    VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING 1)
                INSERT INTO conversions.alert_log (scope, owner_id, kind, subject, state, at, message)
                SELECT ?, ?, ?, ?, 'raised', ?, ? FROM opened""", scope, ownerId, kind, subject, ts, m, scope, ownerId, kind, subject, ts, m) == 1;
    }

    /** Closes the condition; true only for the caller that closed it (it was in force). */
    public boolean close(String scope, String ownerId, String kind, String subject, String message, Instant at) {
        return jdbc.update(
                        """
                WITH closed AS (
                    DELETE FROM conversions.alert_open
                    WHERE scope = ? AND owner_id = ? AND kind = ? AND subject = ? RETURNING 1)
                INSERT INTO conversions.alert_log (scope, owner_id, kind, subject, state, at, message)
                SELECT ?, ?, ?, ?, 'cleared', ?, ? FROM closed""",
                        scope,
                        ownerId,
                        kind,
                        subject,
                        scope,
                        ownerId,
                        kind,
                        subject,
                        Timestamp.from(at),
                        clip(message))
                == 1;
    }

    /** Whether the condition is in force. */
    public boolean isOpen(String scope, String ownerId, String kind, String subject) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM conversions.alert_open
                WHERE scope = ? AND owner_id = ? AND kind = ? AND subject = ?)""", Boolean.class, scope, ownerId, kind, subject));
    }

    /** The conditions in force, the newest first. */
    public List<Open> open() {
        return jdbc.query(
                "SELECT scope, owner_id, kind, subject, raised_at, message FROM conversions.alert_open"
                        + " ORDER BY raised_at DESC, kind",
                (rs, n) -> new Open(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getTimestamp(5).toInstant(),
                        rs.getString(6)));
    }

    /** What was said (raised, cleared) about one owner, the newest first. */
    public List<Map<String, Object>> history(String scope, String ownerId, int limit) {
        return jdbc.queryForList("""
                SELECT kind, subject, state, at, message FROM conversions.alert_log
                WHERE scope = ? AND owner_id = ? ORDER BY at DESC, id DESC LIMIT ?""", scope, ownerId, limit);
    }

    private static String clip(String message) {
        return message.length() <= 2000 ? message : message.substring(0, 1997) + "...";
    }
}
