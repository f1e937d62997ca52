package io.pinconv.ledger;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pinterest's Event Quality Score of each destination, as fetched (conversions.event_quality), and when it is next
 * due (conversions.event_quality_fetch): the row an instance claims before fetching keeps it once a day on a cluster.
 */
@Repository
public class EventQualityHistory {

    /** One score as Pinterest gave it: per fetch, look-back and source platform. */
    public record Score(
            Instant fetchedAt,
            String lookbackPeriod,
            String sourcePlatform,
            String ingestionSource,
            String overallStatus,
            String qualityComponents) {}

    /** How the fetches went: when the last succeeded, the last failure, and when the next is due. */
    public record Fetches(Instant lastFetchedAt, String lastError, Instant lastErrorAt, Instant nextFetchAt) {}

    private final JdbcTemplate jdbc;

    public EventQualityHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes the destination's fetch when it is due (or was never made): true for one caller of the cluster, which
     * then has until {@code retryAt} before another may try.
     */
    public boolean claimDue(String destinationId, Instant now, Instant retryAt) {
        return jdbc.update("""
                        INSERT INTO conversions.event_quality_fetch (destination_id, next_fetch_at) VALUES (?, ?)
                        ON CONFLICT (destination_id) DO UPDATE SET next_fetch_at = EXCLUDED.next_fetch_at
                        WHERE conversions.event_quality_fetch.next_fetch_at <= ?""", destinationId, Timestamp.from(retryAt), Timestamp.from(now)) > 0;
    }

    /** A fetch that succeeded: its scores, and the next one due at {@code nextAt}. */
    @Transactional
    public void fetched(String destinationId, String adAccountId, Instant at, List<Score> scores, Instant nextAt) {
        for (Score s : scores) {
            jdbc.update(
                    """
                    INSERT INTO conversions.event_quality (destination_id, ad_account_id, fetched_at, lookback_period,
                        source_platform, ingestion_source, overall_status, quality_components)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                    destinationId,
                    adAccountId,
                    Timestamp.from(at),
                    s.lookbackPeriod(),
                    s.sourcePlatform(),
                    s.ingestionSource(),
                    s.overallStatus(),
                    s.qualityComponents());
        }
        jdbc.update("""
                INSERT INTO conversions.event_quality_fetch (destination_id, next_fetch_at, last_fetched_at)
                VALUES (?, ?, ?)
                ON CONFLICT (destination_id) DO UPDATE SET next_fetch_at = EXCLUDED.next_fetch_at,
                    last_fetched_at = EXCLUDED.last_fetched_at, last_error = NULL, last_error_at = NULL""", destinationId, Timestamp.from(nextAt), Timestamp.from(at));
    }

    /** A fetch that failed, and why; the next try is at {@code retryAt}. */
    public void failed(String destinationId, Instant at, String error, Instant retryAt) {
        String e = error.length() > 2000 ? error.substring(0, 2000) : error;
        jdbc.update("""
                INSERT INTO conversions.event_quality_fetch (destination_id, next_fetch_at, last_error, last_error_at)
                VALUES (?, ?, ?, ?)
                ON CONFLICT (destination_id) DO UPDATE SET next_fetch_at = EXCLUDED.next_fetch_at,
                    last_error = EXCLUDED.last_error, last_error_at = EXCLUDED.last_error_at""", destinationId, Timestamp.from(retryAt), e, Timestamp.from(at));
    }

    public Optional<Fetches> fetches(String destinationId) {
        return jdbc
                .query(
                        """
                        SELECT last_fetched_at, last_error, last_error_at, next_fetch_at
                        FROM conversions.event_quality_fetch WHERE destination_id = ?""",
                        (rs, n) -> new Fetches(
                                instant(rs.getTimestamp(1)),
                                rs.getString(2),
                                instant(rs.getTimestamp(3)),
                                instant(rs.getTimestamp(4))),
                        destinationId)
                .stream()
                .findFirst();
    }

    /** The destination's scores, newest fetch first, at most {@code limit} rows. */
    public List<Score> history(String destinationId, int limit) {
        return jdbc.query(
                """
                SELECT fetched_at, lookback_period, source_platform, ingestion_source, overall_status, quality_components
                FROM conversions.event_quality WHERE destination_id = ?
                ORDER BY fetched_at DESC, lookback_period, source_platform LIMIT ?""",
                (rs, n) -> new Score(
                        rs.getTimestamp(1).toInstant(),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6)),
                destinationId,
                limit);
    }

    /** The overall statuses of one look-back and platform, oldest first, the last {@code limit} fetches. */
    public List<String> statuses(String destinationId, String lookbackPeriod, String sourcePlatform, int limit) {
        List<String> oldestFirst = new java.util.ArrayList<>(
                jdbc.queryForList("""
                SELECT overall_status FROM conversions.event_quality
                WHERE destination_id = ? AND lookback_period = ? AND source_platform = ?
                ORDER BY fetched_at DESC, id DESC LIMIT ?""", String.class, destinationId, lookbackPeriod, sourcePlatform, limit));
        java.util.Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
