package io.pinconv.ledger;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** What the monitors compare a run with, read from the run history, and the verdicts they leave in it. */
@Repository
public class MonitorHistory {

    /** One monitor's verdict on a run. */
    public record Verdict(
            String monitor, String subject, Double value, Double baseline, boolean firing, String message) {}

    /** Events delivered over some runs, and how many carried each identifier (and value, currency). */
    public record Totals(long runs, long delivered, Map<String, Long> carried) {}

    private final JdbcTemplate jdbc;

    public MonitorHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The runs of the activation that ended well before this one, started since then, of the same kind (dry or not). */
    public Totals before(String activationId, long runId, Instant since, boolean dryRun) {
        return jdbc.queryForObject(
                """
                SELECT count(*), coalesce(sum(delivered), 0), coalesce(sum(match_email), 0),
                       coalesce(sum(match_phone), 0), coalesce(sum(match_mobile_ad_id), 0),
                       coalesce(sum(match_ip_user_agent), 0), coalesce(sum(match_click_id), 0),
                       coalesce(sum(match_external_id), 0), coalesce(sum(match_value), 0),
                       coalesce(sum(match_currency), 0)
                FROM conversions.run
                WHERE activation_id = ? AND id < ? AND status = 'succeeded' AND started_at >= ? AND dry_run = ?""",
                (rs, n) -> {
                    Map<String, Long> carried = new HashMap<>();
                    String[] names = {
                        "email",
                        "phone",
                        "mobile_ad_id",
                        "ip_and_user_agent",
                        "click_id",
                        "external_id",
                        "value",
                        "currency"
                    };
                    for (int i = 0; i < names.length; i++) {
                        carried.put(names[i], rs.getLong(3 + i));
                    }
                    return new Totals(rs.getLong(1), rs.getLong(2), carried);
                },
                activationId,
                runId,
                Timestamp.from(since),
                dryRun);
    }

    /** Events the activation's runs started in [from, to) delivered (or, dry, wrote). */
    public long delivered(String activationId, Instant from, Instant to, boolean dryRun) {
        Long n = jdbc.queryForObject("""
                SELECT coalesce(sum(delivered), 0) FROM conversions.run
                WHERE activation_id = ? AND started_at >= ? AND started_at < ? AND dry_run = ?
                  AND status IN ('succeeded', 'failed', 'abandoned')""", Long.class, activationId, Timestamp.from(from), Timestamp.from(to), dryRun);
        return n == null ? 0 : n;
    }

    /** When the activation's first run (of this kind) started. */
    public Optional<Instant> firstRun(String activationId, boolean dryRun) {
        Timestamp t = jdbc.queryForObject(
                "SELECT min(started_at) FROM conversions.run WHERE activation_id = ? AND dry_run = ?",
                Timestamp.class,
                activationId,
                dryRun);
        return Optional.ofNullable(t).map(Timestamp::toInstant);
    }

    /** When a run of the activation last delivered something. */
    public Optional<Instant> lastDelivery(String activationId, boolean dryRun) {
        Timestamp t = jdbc.queryForObject("""
                SELECT max(coalesce(finished_at, started_at)) FROM conversions.run
                WHERE activation_id = ? AND delivered > 0 AND dry_run = ?""", Timestamp.class, activationId, dryRun);
        return Optional.ofNullable(t).map(Timestamp::toInstant);
    }

    public void record(long runId, List<Verdict> verdicts) {
        if (verdicts.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>();
        for (Verdict v : verdicts) {
            rows.add(new Object[] {
                runId,
                v.monitor(),
                v.subject(),
                v.value(),
                v.baseline(),
                v.firing(),
                v.message().length() <= 2000 ? v.message() : v.message().substring(0, 2000)
            });
        }
        jdbc.batchUpdate("""
                INSERT INTO conversions.run_monitor (run_id, monitor, subject, value, baseline, firing, message)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", rows);
    }

    /** The verdicts on these runs, by run id. */
    public Map<Long, List<Verdict>> verdicts(List<Long> runIds) {
        Map<Long, List<Verdict>> byRun = new HashMap<>();
        if (runIds.isEmpty()) {
            return byRun;
        }
        jdbc.query(
                con -> {
                    var ps = con.prepareStatement("""
                            SELECT run_id, monitor, subject, value, baseline, firing, message FROM conversions.run_monitor
                            WHERE run_id = ANY (?) ORDER BY run_id, monitor, subject""");
                    ps.setArray(1, con.createArrayOf("bigint", runIds.toArray()));
                    return ps;
                },
                rs -> {
                    byRun.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new Verdict(
                                    rs.getString(2),
                                    rs.getString(3),
                                    (Double) rs.getObject(4),
                                    (Double) rs.getObject(5),
                                    rs.getBoolean(6),
                                    rs.getString(7)));
                });
        return byRun;
    }
}
