package io.pinconv.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The idempotency repository: which events each ad account has accepted. It is written only after
 * Pinterest accepted an event, and read in bulk, a chunk of ids per query.
 */
@Repository
public class DeliveredEvents {

    private final JdbcTemplate jdbc;
    private final boolean postgres;

    public DeliveredEvents(JdbcTemplate jdbc, @Value("${spring.datasource.url:}") String url) {
        this.jdbc = jdbc;
        this.postgres = url.startsWith("jdbc:postgresql:");
    }

    /**
     * After a run that added many events: PostgreSQL's statistics of the ledger are refreshed at once,
     * not when autovacuum next passes. A run's segment query anti-joins the ledger; planned on
     * statistics that still say "empty" it becomes a row-by-row scan of the whole ledger (seen: minutes
     * instead of a second, for the run right after a 200,000-row delivery).
     */
    public void refreshStatistics() {
        if (postgres) {
            jdbc.execute("ANALYZE conversions.delivered_event");
        }
    }

    /** Those of {@code eventIds} already delivered to the ad account as {@code eventName}. */
    public Set<String> alreadyDelivered(String adAccountId, String eventName, Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Set.of();
        }
        Set<String> found = new HashSet<>();
        jdbc.query(
                con -> {
                    PreparedStatement ps = con.prepareStatement("""
                    SELECT event_id FROM conversions.delivered_event
                    WHERE ad_account_id = ? AND event_name = ? AND event_id = ANY (?)""");
                    ps.setString(1, adAccountId);
                    ps.setString(2, eventName);
                    ps.setArray(3, con.createArrayOf("varchar", eventIds.toArray()));
                    return ps;
                },
                rs -> {
                    found.add(rs.getString(1));
                });
        return found;
    }

    /**
     * Records accepted events with Pinterest's warning, if any; an id recorded before (a resend after a
     * crash) is left as it was.
     *
     * @param warnings event id to Pinterest's warning_message, for the events that had one
     */
    public int record(
            String adAccountId,
            String eventName,
            String activationId,
            long runId,
            Collection<String> eventIds,
            Map<String, String> warnings,
            Instant at) {
        if (eventIds.isEmpty()) {
            return 0;
        }
        String[] ids = eventIds.toArray(String[]::new);
        String[] warningTexts = new String[ids.length];
        for (int i = 0; i < ids.length; i++) {
            String w = warnings.get(ids[i]);
            warningTexts[i] = w == null || w.length() <= 1000 ? w : w.substring(0, 1000);
        }
        if (postgres) {
            return insertNew(adAccountId, eventName, activationId, runId, ids, warningTexts, at);
        }
        return insert(adAccountId, eventName, activationId, runId, ids, warningTexts, at, true);
    }

    /**
     * One statement for the whole chunk, the ids as arrays (a batch of 1,000 INSERTs cost the database a statement
     * per event); with {@code onConflictDoNothing} an id recorded before is left as it was.
     */
    private int insert(
            String adAccountId,
            String eventName,
            String activationId,
            long runId,
            String[] ids,
            String[] warningTexts,
            Instant at,
            boolean onConflictDoNothing) {
        return jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement("""
                    INSERT INTO conversions.delivered_event
                        (ad_account_id, event_name, event_id, activation_id, run_id, delivered_at, warning)
                    SELECT ?, ?, e.id, ?, ?, ?, e.warning FROM unnest(?::varchar[], ?::text[]) AS e(id, warning)""" + (onConflictDoNothing ? " ON CONFLICT DO NOTHING" : ""));
            ps.setString(1, adAccountId);
            ps.setString(2, eventName);
            ps.setString(3, activationId);
            ps.setLong(4, runId);
            ps.setTimestamp(5, Timestamp.from(at));
            ps.setArray(6, con.createArrayOf("varchar", ids));
            ps.setArray(7, con.createArrayOf("text", warningTexts));
            return ps;
        });
    }

    /**
     * PostgreSQL: the chunk inserted as new, under a savepoint of the caller's transaction. ON CONFLICT DO NOTHING
     * costs PostgreSQL a speculative insertion per row, 40 % more than the insert itself (BENCHMARKS.md), for the
     * rare chunk that holds an id recorded before (the resend of a chunk whose answer a crash lost, the same event
     * sent by another activation of the account): that chunk's insert fails on the primary key, is undone to the
     * savepoint, and is done again with ON CONFLICT DO NOTHING.
     */
    private int insertNew(
            String adAccountId,
            String eventName,
            String activationId,
            long runId,
            String[] ids,
            String[] warningTexts,
            Instant at) {
        return jdbc.execute((Connection con) -> {
            if (con.getAutoCommit()) {
                // a savepoint needs a transaction; the recorder always has one, a caller without gets the safe insert
                return insert(adAccountId, eventName, activationId, runId, ids, warningTexts, at, true);
            }
            Savepoint before = con.setSavepoint();
            try {
                int n = insert(adAccountId, eventName, activationId, runId, ids, warningTexts, at, false);
                con.releaseSavepoint(before);
                return n;
            } catch (DuplicateKeyException e) {
                con.rollback(before);
                return insert(adAccountId, eventName, activationId, runId, ids, warningTexts, at, true);
            }
        });
    }
}
