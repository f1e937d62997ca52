package io.pinconv.ledger;

import io.pinconv.mapping.Lateness;
import io.pinconv.mapping.MatchQuality;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
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

    /** @param startedBy what started it: its schedule, a catch-up of a missed firing, or "run now" */
    public long start(
            String activationId, boolean dryRun, boolean testMode, String node, String startedBy, Instant at) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(
                con -> {
                    PreparedStatement ps = con.prepareStatement("""
                    INSERT INTO conversions.run (activation_id, status, dry_run, test_mode, node, started_at, started_by)
                    VALUES (?, 'running', ?, ?, ?, ?, ?)""", new String[] {"id"});
                    ps.setString(1, activationId);
                    ps.setBoolean(2, dryRun);
                    ps.setBoolean(3, testMode);
                    ps.setString(4, node);
                    ps.setTimestamp(5, Timestamp.from(at));
                    ps.setString(6, startedBy);
                    return ps;
                },
                keys);
        return Objects.requireNonNull(keys.getKey()).longValue();
    }

    /** Closes the runs a node left running when it stopped; answers how many. */
    public int abandon(String node, String why, Instant at) {
        return jdbc.update(
                "UPDATE conversions.run SET status = 'abandoned', failure = ?, finished_at = ? WHERE status = 'running' AND node = ?",
                why,
                Timestamp.from(at),
                node);
    }

    public void add(long runId, RunCounts c) {
        MatchQuality m = c.match();
        jdbc.update(
                """
                UPDATE conversions.run SET rows_read = rows_read + ?, delivered = delivered + ?, rejected = rejected + ?,
                    skipped = skipped + ?, requests = requests + ?, match_email = match_email + ?, match_phone = match_phone + ?,
                    match_mobile_ad_id = match_mobile_ad_id + ?, match_ip_user_agent = match_ip_user_agent + ?,
                    match_click_id = match_click_id + ?, match_external_id = match_external_id + ?,
                    match_value = match_value + ?, match_currency = match_currency + ?,
                    web_app_events = web_app_events + ?, late_events = late_events + ?, first_held = first_held + ?,
                    duplicate_ids = duplicate_ids + ?
                WHERE id = ?""",
                c.read(),
                c.delivered(),
                c.rejected(),
                c.skipped(),
                c.requests(),
                m.email(),
                m.phone(),
                m.mobileAdId(),
                m.ipAndUserAgent(),
                m.clickId(),
                m.externalId(),
                m.value(),
                m.currency(),
                c.lateness().webAndApp(),
                c.lateness().late(),
                c.firstHeld(),
                c.duplicateIds(),
                runId);
    }

    /**
     * How many events of a chunk went without each field: one statement, the counts as arrays, inserted
     * rather than added to a row so that chunks side by side never wait on each other.
     */
    public void addFieldsDropped(long runId, Map<String, Long> byField) {
        if (byField.isEmpty()) {
            return;
        }
        String[] fields = byField.keySet().toArray(String[]::new);
        Long[] counts = byField.values().toArray(Long[]::new);
        jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement("""
                    INSERT INTO conversions.run_field_drop (run_id, field, dropped)
                    SELECT ?, d.field, d.dropped
                    FROM unnest(CAST(? AS VARCHAR ARRAY), CAST(? AS BIGINT ARRAY)) AS d(field, dropped)""");
            ps.setLong(1, runId);
            ps.setArray(2, con.createArrayOf("varchar", fields));
            ps.setArray(3, con.createArrayOf("bigint", counts));
            return ps;
        });
    }

    /** One more request of this run answered with this status ("network" when none came). */
    public void countRequest(long runId, String status) {
        // one statement: chunks side by side may count the first request of a status at once
        jdbc.update("""
                INSERT INTO conversions.run_request (run_id, status, requests) VALUES (?, ?, 1)
                ON CONFLICT (run_id, status) DO UPDATE SET requests = conversions.run_request.requests + 1""", runId, status);
    }

    /** A run's requests by HTTP status. */
    public Map<String, Long> requestsByStatus(long runId) {
        Map<String, Long> m = new TreeMap<>();
        jdbc.query(
                "SELECT status, requests FROM conversions.run_request WHERE run_id = ?",
                rs -> {
                    m.put(rs.getString(1), rs.getLong(2));
                },
                runId);
        return m;
    }

    public void finish(long runId, String status, String failure, Instant at) {
        jdbc.update(
                "UPDATE conversions.run SET status = ?, failure = ?, finished_at = ? WHERE id = ?",
                status,
                failure == null ? null : failure.substring(0, Math.min(2000, failure.length())),
                Timestamp.from(at),
                runId);
    }

    /**
     * How the activation's last ended run before this one ended ("succeeded" or "failed"), if any: a
     * failure alerts once when a streak of failures starts, not at every scheduled run that follows.
     */
    public Optional<String> previousOutcome(String activationId, long runId) {
        return jdbc.query("""
                SELECT status FROM conversions.run WHERE activation_id = ? AND id < ? AND status IN ('succeeded', 'failed')
                ORDER BY id DESC LIMIT 1""", (rs, n) -> rs.getString(1), activationId, runId).stream()
                .findFirst();
    }

    public RunSummary get(long runId) {
        return withFieldsDropped(List.of(jdbc.queryForObject(SELECT + " WHERE id = ?", Runs::summary, runId)))
                .get(0);
    }

    /** The newest runs of an activation first. */
    public List<RunSummary> recent(String activationId, int limit) {
        return withFieldsDropped(jdbc.query(
                SELECT + " WHERE activation_id = ? ORDER BY started_at DESC, id DESC LIMIT ?",
                Runs::summary,
                activationId,
                limit));
    }

    /** Whether the run is one of the activation's. */
    public boolean isRunOf(long runId, String activationId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM conversions.run WHERE id = ? AND activation_id = ?)",
                Boolean.class,
                runId,
                activationId));
    }

    /** What a run's status may be: running, then one of the others when it ends. */
    public static final List<String> STATUSES = List.of("running", "succeeded", "failed", "abandoned");

    /**
     * A page of an activation's history, newest first: the runs started before run {@code beforeRunId} (all when
     * null) and, when {@code status} is not null, only those with that status.
     */
    public List<RunSummary> page(String activationId, Long beforeRunId, String status, int limit) {
        return withFieldsDropped(jdbc.query(
                SELECT
                        + " WHERE activation_id = ? AND (CAST(? AS varchar) IS NULL OR status = ?)"
                        + " AND (CAST(? AS bigint) IS NULL"
                        + " OR (started_at, id) < (SELECT started_at, id FROM conversions.run WHERE id = ?))"
                        + " ORDER BY started_at DESC, id DESC LIMIT ?",
                Runs::summary,
                activationId,
                status,
                status,
                beforeRunId,
                beforeRunId,
                limit));
    }

    /** One point of an activation's run chart. */
    public record RunPoint(
            long id,
            Instant startedAt,
            String status,
            long delivered,
            long heldBack,
            long fieldsDropped,
            Double seconds,
            boolean dryRun) {}

    /**
     * The last {@code limit} runs of an activation, oldest first, as little as a chart needs, in one query: a history
     * of thousands of runs draws without a query per run.
     */
    public List<RunPoint> chart(String activationId, int limit) {
        List<RunPoint> points = new ArrayList<>(jdbc.query(
                """
                SELECT r.id, r.started_at, r.status, r.delivered, r.rejected,
                       COALESCE((SELECT sum(d.dropped) FROM conversions.run_field_drop d WHERE d.run_id = r.id), 0),
                       EXTRACT(EPOCH FROM (r.finished_at - r.started_at)), r.dry_run
                FROM conversions.run r
                WHERE r.activation_id = ?
                ORDER BY r.started_at DESC, r.id DESC LIMIT ?""",
                (rs, n) -> new RunPoint(
                        rs.getLong(1),
                        rs.getTimestamp(2).toInstant(),
                        rs.getString(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getLong(6),
                        rs.getObject(7) == null ? null : rs.getDouble(7),
                        rs.getBoolean(8)),
                activationId,
                limit));
        Collections.reverse(points);
        return points;
    }

    /** The runs with their fields dropped, read in one query for them all. */
    private List<RunSummary> withFieldsDropped(List<RunSummary> read) {
        if (read.isEmpty()) {
            return read;
        }
        Map<Long, Map<String, Long>> byRun = new HashMap<>();
        Long[] ids = read.stream().map(RunSummary::id).toArray(Long[]::new);
        jdbc.query(
                con -> {
                    PreparedStatement ps = con.prepareStatement(
                            "SELECT run_id, field, sum(dropped) FROM conversions.run_field_drop WHERE run_id = ANY (?) GROUP BY run_id, field");
                    ps.setArray(1, con.createArrayOf("bigint", ids));
                    return ps;
                },
                rs -> {
                    byRun.computeIfAbsent(rs.getLong(1), k -> new TreeMap<>()).put(rs.getString(2), rs.getLong(3));
                });
        return read.stream()
                .map(r -> byRun.containsKey(r.id()) ? r.withFieldsDropped(byRun.get(r.id())) : r)
                .toList();
    }

    private static final String SELECT = """
            SELECT id, activation_id, status, dry_run, test_mode, started_at, finished_at, rows_read, delivered, rejected,
                   skipped, requests, failure, match_email, match_phone, match_mobile_ad_id, match_ip_user_agent,
                   match_click_id, match_external_id, started_by, match_value, match_currency, web_app_events,
                   late_events, first_held, duplicate_ids
            FROM conversions.run""";

    private static RunSummary summary(ResultSet rs, int n) throws SQLException {
        Timestamp finished = rs.getTimestamp(7);
        return new RunSummary(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getBoolean(4),
                rs.getBoolean(5),
                rs.getTimestamp(6).toInstant(),
                finished == null ? null : finished.toInstant(),
                rs.getLong(8),
                rs.getLong(9),
                rs.getLong(10),
                rs.getLong(11),
                rs.getLong(12),
                rs.getString(13),
                new MatchQuality(
                        rs.getLong(14),
                        rs.getLong(15),
                        rs.getLong(16),
                        rs.getLong(17),
                        rs.getLong(18),
                        rs.getLong(19),
                        rs.getLong(21),
                        rs.getLong(22)),
                Map.of(),
                rs.getString(20),
                new Lateness(rs.getLong(23), rs.getLong(24)),
                rs.getLong(25),
                rs.getLong(26));
    }
}
