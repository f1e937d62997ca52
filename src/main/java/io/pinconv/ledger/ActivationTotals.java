package io.pinconv.ledger;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** What an activation's runs did over a period, summed from the run history: what a glance at it needs. */
@Repository
public class ActivationTotals {

    /**
     * @param heldBack       rows held back for the first time (a row held back again at each re-read counts once)
     * @param fieldsDropped  fields events were sent without
     * @param withEmail      delivered events that carried an e-mail (of {@code delivered})
     */
    public record Totals(
            long runs,
            long failedRuns,
            long delivered,
            long heldBack,
            long fieldsDropped,
            long duplicateIds,
            long withEmail,
            long lateEvents) {}

    private final JdbcTemplate jdbc;

    public ActivationTotals(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The runs of the activation started since then. */
    public Totals since(String activationId, Instant since) {
        return jdbc.queryForObject(
                """
                SELECT count(*), count(*) FILTER (WHERE status = 'failed'), coalesce(sum(delivered), 0),
                       coalesce(sum(first_held), 0),
                       coalesce((SELECT sum(d.dropped) FROM conversions.run_field_drop d
                                 JOIN conversions.run r2 ON r2.id = d.run_id
                                 WHERE r2.activation_id = ? AND r2.started_at >= ?), 0),
                       coalesce(sum(duplicate_ids), 0), coalesce(sum(match_email), 0), coalesce(sum(late_events), 0)
                FROM conversions.run WHERE activation_id = ? AND started_at >= ?""",
                (rs, n) -> new Totals(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getLong(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getLong(6),
                        rs.getLong(7),
                        rs.getLong(8)),
                activationId,
                Timestamp.from(since),
                activationId,
                Timestamp.from(since));
    }
}
