package io.pinconv.ledger;

import io.pinconv.mapping.Rejection;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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
     * Records rejections, keeping when each was first seen. Update then insert, in SQL both PostgreSQL
     * and H2 speak; one activation never runs twice at once, so nothing races between the two.
     */
    public void record(String activationId, long runId, List<Rejection> rejections, Instant at) {
        if (rejections.isEmpty()) {
            return;
        }
        Timestamp ts = Timestamp.from(at);
        List<Object[]> updates = new ArrayList<>(rejections.size());
        for (Rejection r : rejections) {
            updates.add(new Object[] {r.reason().code(), r.field(), r.message(), ts, runId, r.payloadHash(), activationId, r.eventId()});
        }
        int[] updated = jdbc.batchUpdate("""
                UPDATE conversions.rejection SET reason = ?, field = ?, message = ?, last_seen = ?, last_run_id = ?, payload_hash = ?
                WHERE activation_id = ? AND event_id = ?""", updates);
        List<Object[]> inserts = new ArrayList<>();
        for (int i = 0; i < rejections.size(); i++) {
            if (updated[i] == 0) {
                Rejection r = rejections.get(i);
                inserts.add(new Object[] {activationId, r.eventId(), r.reason().code(), r.field(), r.message(), ts, ts, runId,
                        r.payloadHash()});
            }
        }
        if (!inserts.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO conversions.rejection
                        (activation_id, event_id, reason, field, message, first_seen, last_seen, last_run_id, payload_hash)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", inserts);
        }
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
        return named.query("""
                SELECT event_id, reason, field, message, payload_hash FROM conversions.rejection
                WHERE activation_id = :activation AND event_id IN (:ids)""",
                new MapSqlParameterSource("activation", activationId).addValue("ids", eventIds),
                (rs, n) -> new Rejection(rs.getString(1),
                        io.pinconv.mapping.RejectionReason.valueOf(rs.getString(2).toUpperCase(java.util.Locale.ROOT)),
                        rs.getString(3), rs.getString(4), rs.getString(5)));
    }

}
