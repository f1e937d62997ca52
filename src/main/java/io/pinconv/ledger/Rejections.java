package io.pinconv.ledger;

import io.pinconv.mapping.Rejection;
import io.pinconv.mapping.RejectionReason;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** Rows held back, with their reasons, as the user sees them. */
@Repository
public class Rejections {

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    public Rejections(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    /**
     * Records rejections, keeping when each was first seen: one statement for a chunk's rejections, and one for the
     * run's own count by reason.
     *
     * @return how many of them were held back for the first time, by reason (the others were held back before)
     */
    public Map<String, Long> record(String activationId, long runId, List<Rejection> rejections, Instant at) {
        if (rejections.isEmpty()) {
            return Map.of();
        }
        // one row per event id (two rows of a segment may share one): ON CONFLICT updates a row once per statement
        Map<String, Rejection> byId = new LinkedHashMap<>();
        rejections.forEach(r -> byId.put(r.eventId(), r));
        rejections = List.copyOf(byId.values());
        int n = rejections.size();
        String[] ids = new String[n];
        String[] reasons = new String[n];
        String[] fields = new String[n];
        String[] messages = new String[n];
        String[] hashes = new String[n];
        for (int i = 0; i < n; i++) {
            Rejection r = rejections.get(i);
            ids[i] = r.eventId();
            reasons[i] = r.reason().code();
            fields[i] = r.field();
            messages[i] = r.message();
            hashes[i] = r.payloadHash();
        }
        Timestamp ts = Timestamp.from(at);
        Map<String, Long> firstTime = new TreeMap<>();
        Map<String, Long> byReason = new TreeMap<>();
        for (String reason : reasons) {
            byReason.merge(reason, 1L, Long::sum);
        }
        jdbc.execute((ConnectionCallback<Object>) c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO conversions.rejection
                        (activation_id, event_id, reason, field, message, first_seen, last_seen, last_run_id, payload_hash)
                    SELECT ?, r.event_id, r.reason, r.field, r.message, ?, ?, ?, r.payload_hash
                    FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[])
                         AS r(event_id, reason, field, message, payload_hash)
                    ON CONFLICT (event_id, activation_id) DO UPDATE SET reason = EXCLUDED.reason, field = EXCLUDED.field,
                        message = EXCLUDED.message, last_seen = EXCLUDED.last_seen, last_run_id = EXCLUDED.last_run_id,
                        payload_hash = EXCLUDED.payload_hash
                    RETURNING reason, xmax = 0""")) {
                ps.setString(1, activationId);
                ps.setTimestamp(2, ts);
                ps.setTimestamp(3, ts);
                ps.setLong(4, runId);
                ps.setArray(5, c.createArrayOf("varchar", ids));
                ps.setArray(6, c.createArrayOf("varchar", reasons));
                ps.setArray(7, c.createArrayOf("varchar", fields));
                ps.setArray(8, c.createArrayOf("varchar", messages));
                ps.setArray(9, c.createArrayOf("varchar", hashes));
                // xmax is 0 on a row this statement inserted, not on one it updated (PostgreSQL's own way to tell)
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getBoolean(2)) {
                            firstTime.merge(rs.getString(1), 1L, Long::sum);
                        }
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO conversions.run_rejection (run_id, reason, n)
                    SELECT ?, r.reason, r.n FROM unnest(?::varchar[], ?::bigint[]) AS r(reason, n)
                    ON CONFLICT (run_id, reason) DO UPDATE SET n = conversions.run_rejection.n + EXCLUDED.n""")) {
                ps.setLong(1, runId);
                ps.setArray(2, c.createArrayOf("varchar", byReason.keySet().toArray()));
                ps.setArray(3, c.createArrayOf("bigint", byReason.values().toArray()));
                ps.executeUpdate();
            }
            return null;
        });
        return firstTime;
    }

    /** Forgets the rejections of rows that have now been delivered. */
    public void resolve(String activationId, Collection<String> eventIds) {
        EventIdDeletes.delete(jdbc, "rejection", activationId, eventIds);
    }

    /** Some rejections of an activation, as rejections to record again. */
    public List<Rejection> list(String activationId, Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return List.of();
        }
        return named.query(
                """
                SELECT event_id, reason, field, message, payload_hash FROM conversions.rejection
                WHERE activation_id = :activation AND event_id IN (:ids)""",
                new MapSqlParameterSource("activation", activationId).addValue("ids", eventIds),
                (rs, n) -> new Rejection(
                        rs.getString(1),
                        RejectionReason.valueOf(rs.getString(2).toUpperCase(Locale.ROOT)),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5)));
    }
}
