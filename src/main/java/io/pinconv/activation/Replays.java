package io.pinconv.activation;

import io.pinconv.ledger.CursorPositions;
import io.pinconv.mapping.EventMapper;
import io.pinconv.mapping.PinterestField;
import io.pinconv.segment.SegmentNames;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Operations that send again what was sent, on request only: each is explicit (named events, or a
 * time range), logged, and sends each event once more at most: the events are taken out of the ledger
 * and queued as pending, so that the next run (with or without a cursor) sends them and records them
 * again. Calling twice before that run changes nothing more.
 */
@Component
public class Replays {

    private static final Logger log = LoggerFactory.getLogger(Replays.class);

    /**
     * Takes an activation's delivered events out of the ledger and queues them as pending, in one
     * statement: however many events the condition names, none of their ids passes through this JVM.
     * Pending rows are counted as one more attempt with this cause, as a failed delivery would be.
     */
    private static final String REQUEUE_DELIVERED = """
            WITH replayed AS (
                DELETE FROM conversions.delivered_event
                WHERE ad_account_id = ? AND event_name = ? AND activation_id = ? AND %s
                RETURNING event_id)
            INSERT INTO conversions.pending_event AS p
                (event_id, activation_id, cause, attempts, first_failed_at, last_failed_at, last_run_id)
            SELECT event_id, ?, ?, 1, ?, ?, 0 FROM replayed
            ON CONFLICT (event_id, activation_id) DO UPDATE SET cause = EXCLUDED.cause, attempts = p.attempts + 1,
                last_failed_at = EXCLUDED.last_failed_at, last_run_id = EXCLUDED.last_run_id""";

    private static final int MAX_CAUSE = 2000; // conversions.pending_event.cause

    private final ActivationCatalog catalog;
    private final CursorPositions cursors;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public Replays(ActivationCatalog catalog, CursorPositions cursors, JdbcTemplate jdbc, Clock clock) {
        this.catalog = catalog;
        this.cursors = cursors;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Sends these events again with the next run; answers how many were delivered before and will be. */
    public int resendEvents(String activationId, Collection<String> eventIds, String why) {
        Activation activation = catalog.get(activationId);
        if (eventIds.isEmpty()) {
            return 0;
        }
        // one array parameter, not a placeholder per id: PostgreSQL takes at most 65,535 parameters
        String[] ids = eventIds.toArray(String[]::new);
        int replayed = requeueDelivered(
                activation,
                "event_id = ANY (?)",
                (ps, i) -> {
                    ps.setArray(i, ps.getConnection().createArrayOf("varchar", ids));
                    return i + 1;
                },
                why);
        log.warn(
                "Replay of activation '{}' requested ({}): {} of {} events named were delivered before and are sent again by the next run",
                activationId,
                why,
                replayed,
                eventIds.size());
        return replayed;
    }

    /** Sends again the delivered events of the segment whose event time is in [from, to). */
    public int resendRange(String activationId, Instant from, Instant to, String why) {
        Activation activation = catalog.get(activationId);
        String idColumn = activation.columnByField().get(PinterestField.EVENT_ID.fieldName());
        String timeColumn = activation.columnByField().get(PinterestField.EVENT_TIME.fieldName());
        if (idColumn == null) {
            throw new IllegalArgumentException(
                    "activation '" + activationId + "' has no event_id column: name the events to send again instead");
        }
        if (from.isBefore(clock.instant().minus(EventMapper.MAX_AGE)) || !from.isBefore(to)) {
            throw new IllegalArgumentException(
                    "the range must start within the last 7 days (Pinterest refuses older events) and end after it starts");
        }
        // the segment's ids are read by the database inside the statement, never loaded here: a range may hold millions
        String inRange = "event_id IN (SELECT CAST(" + SegmentNames.quoteColumn(idColumn) + " AS varchar) FROM "
                + activation.segment() + " WHERE " + SegmentNames.quoteColumn(timeColumn) + " >= ? AND "
                + SegmentNames.quoteColumn(timeColumn) + " < ?)";
        int replayed = requeueDelivered(
                activation,
                inRange,
                (ps, i) -> {
                    ps.setTimestamp(i, Timestamp.from(from));
                    ps.setTimestamp(i + 1, Timestamp.from(to));
                    return i + 2;
                },
                why + " (event times " + from + " to " + to + ")");
        log.warn(
                "Replay of activation '{}' requested ({}): {} delivered events with event times from {} to {} are sent again by the next run",
                activationId,
                why,
                replayed,
                from,
                to);
        return replayed;
    }

    /** Binds the parameters of an event-id condition from the given index on; answers the index after them. */
    @FunctionalInterface
    private interface ConditionBinder {
        int bind(PreparedStatement ps, int firstIndex) throws SQLException;
    }

    private int requeueDelivered(
            Activation activation, String eventIdCondition, ConditionBinder condition, String why) {
        String cause = "replay requested: " + why;
        String c = cause.length() > MAX_CAUSE ? cause.substring(0, MAX_CAUSE) : cause;
        Timestamp now = Timestamp.from(clock.instant());
        String sql = REQUEUE_DELIVERED.formatted(eventIdCondition);
        return jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement(sql);
            ps.setString(1, activation.destination().adAccountId());
            ps.setString(2, activation.eventType());
            ps.setString(3, activation.id());
            int i = condition.bind(ps, 4);
            ps.setString(i, activation.id());
            ps.setString(i + 1, c);
            ps.setTimestamp(i + 2, now);
            ps.setTimestamp(i + 3, now);
            return ps;
        });
    }

    /**
     * Backfill: the next run reads the whole look-back window again, not only past the cursor. Nothing
     * is sent twice: what the ledger holds is left out as on any run.
     */
    public void backfill(String activationId, String why) {
        catalog.get(activationId);
        cursors.reset(activationId);
        log.warn("Activation '{}': the next run reads its whole look-back window again ({})", activationId, why);
    }

    /**
     * Lets the events Pinterest refused be sent again even if their rows did not change (after Pinterest
     * fixed something on its side, say); other rejections are judged again by every run anyway.
     */
    public int reconsiderRefused(String activationId, String why) {
        catalog.get(activationId);
        int n = jdbc.update(
                "UPDATE conversions.rejection SET payload_hash = NULL WHERE activation_id = ? AND reason = 'refused_by_pinterest'",
                activationId);
        log.warn(
                "Activation '{}': {} events Pinterest refused may be sent again by the next run ({})",
                activationId,
                n,
                why);
        return n;
    }
}
