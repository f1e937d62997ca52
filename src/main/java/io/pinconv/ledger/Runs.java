package io.pinconv.ledger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The history of runs. Counters grow as chunks are written, so a run cut short still tells what it did. */
@Repository
public class Runs {

    private final JdbcTemplate jdbc;

    public Runs(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long start(String activationId, boolean dryRun, Instant at) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement("""
                    INSERT INTO conversions.run (activation_id, status, dry_run, started_at) VALUES (?, 'running', ?, ?)""",
                    new String[] {"id"});
            ps.setString(1, activationId);
            ps.setBoolean(2, dryRun);
            ps.setTimestamp(3, Timestamp.from(at));
            return ps;
        }, keys);
        return Objects.requireNonNull(keys.getKey()).longValue();
    }

    public void add(long runId, RunCounts counts) {
        jdbc.update("""
                UPDATE conversions.run SET rows_read = rows_read + ?, delivered = delivered + ?, rejected = rejected + ?,
                    skipped = skipped + ?, requests = requests + ? WHERE id = ?""",
                counts.read(), counts.delivered(), counts.rejected(), counts.skipped(), counts.requests(), runId);
    }

    public void finish(long runId, String status, String failure, Instant at) {
        jdbc.update("UPDATE conversions.run SET status = ?, failure = ?, finished_at = ? WHERE id = ?",
                status, failure == null ? null : failure.substring(0, Math.min(2000, failure.length())), Timestamp.from(at), runId);
    }

    public RunSummary get(long runId) {
        return jdbc.queryForObject(SELECT + " WHERE id = ?", Runs::summary, runId);
    }

    /** The newest runs of an activation first. */
    public List<RunSummary> recent(String activationId, int limit) {
        return jdbc.query(SELECT + " WHERE activation_id = ? ORDER BY started_at DESC, id DESC LIMIT ?", Runs::summary,
                activationId, limit);
    }

    private static final String SELECT = """
            SELECT id, activation_id, status, dry_run, started_at, finished_at, rows_read, delivered, rejected,
                   skipped, requests, failure FROM conversions.run""";

    private static RunSummary summary(ResultSet rs, int n) throws SQLException {
        Timestamp finished = rs.getTimestamp(6);
        return new RunSummary(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                rs.getTimestamp(5).toInstant(), finished == null ? null : finished.toInstant(),
                rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11), rs.getString(12));
    }
}
