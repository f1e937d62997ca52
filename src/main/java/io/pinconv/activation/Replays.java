package io.pinconv.activation;

import io.pinconv.ledger.PendingEvents;
import io.pinconv.mapping.EventMapper;
import io.pinconv.mapping.PinterestField;
import io.pinconv.segment.SegmentNames;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Operations that send again what was sent, on request only: each is explicit (named events, or a
 * time range), logged, and sends each event once more at most: the events are taken out of the ledger
 * and queued as pending, so that the next run (with or without a cursor) sends them and records them
 * again. Calling twice before that run changes nothing more.
 */
@Component
public class Replays {

    private static final Logger log = LoggerFactory.getLogger(Replays.class);

    private final ActivationCatalog catalog;
    private final PendingEvents pending;
    private final io.pinconv.ledger.CursorPositions cursors;
    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final TransactionTemplate tx;
    private final Clock clock;

    public Replays(ActivationCatalog catalog, PendingEvents pending, io.pinconv.ledger.CursorPositions cursors, JdbcTemplate jdbc,
                   TransactionTemplate tx, Clock clock) {
        this.catalog = catalog;
        this.cursors = cursors;
        this.pending = pending;
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.tx = tx;
        this.clock = clock;
    }

    /** Sends these events again with the next run; answers how many were delivered before and will be. */
    public int resendEvents(String activationId, Collection<String> eventIds, String why) {
        Activation activation = catalog.get(activationId);
        if (eventIds.isEmpty()) {
            return 0;
        }
        Integer replayed = tx.execute(status -> {
            List<String> delivered = named.queryForList("""
                    DELETE FROM conversions.delivered_event
                    WHERE ad_account_id = :account AND event_name = :name AND activation_id = :activation AND event_id IN (:ids)
                    RETURNING event_id""",
                    new MapSqlParameterSource("account", activation.destination().adAccountId())
                            .addValue("name", activation.eventType()).addValue("activation", activationId)
                            .addValue("ids", eventIds), String.class);
            pending.record(activationId, 0, delivered, "replay requested: " + why, clock.instant());
            return delivered.size();
        });
        log.warn("Replay of activation '{}' requested ({}): {} of {} events named were delivered before and are sent again by the next run",
                activationId, why, replayed, eventIds.size());
        return replayed == null ? 0 : replayed;
    }

    /** Sends again the delivered events of the segment whose event time is in [from, to). */
    public int resendRange(String activationId, Instant from, Instant to, String why) {
        Activation activation = catalog.get(activationId);
        String idColumn = activation.columnByField().get(PinterestField.EVENT_ID.fieldName());
        String timeColumn = activation.columnByField().get(PinterestField.EVENT_TIME.fieldName());
        if (idColumn == null) {
            throw new IllegalArgumentException("activation '" + activationId + "' has no event_id column: name the events to send again instead");
        }
        if (from.isBefore(clock.instant().minus(EventMapper.MAX_AGE)) || !from.isBefore(to)) {
            throw new IllegalArgumentException("the range must start within the last 7 days (Pinterest refuses older events) and end after it starts");
        }
        List<String> ids = jdbc.queryForList("SELECT CAST(" + SegmentNames.quoteColumn(idColumn) + " AS varchar) FROM "
                        + activation.segment() + " WHERE " + SegmentNames.quoteColumn(timeColumn) + " >= ? AND "
                        + SegmentNames.quoteColumn(timeColumn) + " < ?",
                String.class, Timestamp.from(from), Timestamp.from(to));
        return resendEvents(activationId, ids, why + " (event times " + from + " to " + to + ")");
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
        int n = jdbc.update("UPDATE conversions.rejection SET payload_hash = NULL WHERE activation_id = ? AND reason = 'refused_by_pinterest'",
                activationId);
        log.warn("Activation '{}': {} events Pinterest refused may be sent again by the next run ({})", activationId, n, why);
        return n;
    }
}
