package io.pinconv.ledger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What the admin API lists of an activation's state: its rejections and its field warnings a page at a
 * time, newest first, and a run's rejections counted by reason. The SQL is this class's; only the values
 * (ids, the one filter, the page's bounds) are the caller's.
 */
@Repository
public class ActivationListings {

    /** One page of rows, with the number of rows on all pages. */
    public record Page(long total, List<Map<String, Object>> rows) {}

    /** A state table as it is listed: its columns under the API's names, the column a filter applies to, the order. */
    private record Listing(String table, String columns, String filterColumn, String order) {}

    private static final Listing REJECTIONS = new Listing(
            "conversions.rejection",
            "event_id AS \"eventId\", reason, field, message, first_seen AS \"firstSeen\", last_seen AS \"lastSeen\"",
            "reason",
            "last_seen DESC, event_id");
    private static final Listing WARNINGS = new Listing(
            "conversions.field_warning",
            "event_id AS \"eventId\", field, reason, message, run_id AS \"runId\", seen_at AS \"seenAt\"",
            "field",
            "seen_at DESC, event_id, field");

    private final JdbcTemplate jdbc;

    public ActivationListings(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @param reason only the rows held back for this reason; null for all */
    public Page rejections(String activationId, String reason, int limit, long offset) {
        return page(REJECTIONS, activationId, reason, limit, offset);
    }

    /** @param field only the warnings about this field; null for all */
    public Page warnings(String activationId, String field, int limit, long offset) {
        return page(WARNINGS, activationId, field, limit, offset);
    }

    /**
     * How many rows a run held back, by reason, in the reasons' order: the run's own count, which a later run holding
     * the same rows back again does not change.
     */
    public Map<String, Long> rejectedByReason(long runId) {
        Map<String, Long> byReason = new LinkedHashMap<>();
        jdbc.query(
                "SELECT reason, n FROM conversions.run_rejection WHERE run_id = ? ORDER BY reason",
                rs -> {
                    byReason.put(rs.getString(1), rs.getLong(2));
                },
                runId);
        return byReason;
    }

    private Page page(Listing listing, String activationId, String filter, int limit, long offset) {
        String where =
                " WHERE activation_id = ? AND (CAST(? AS varchar) IS NULL OR " + listing.filterColumn() + " = ?)";
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT " + listing.columns() + " FROM " + listing.table() + where + " ORDER BY " + listing.order()
                        + " LIMIT ? OFFSET ?",
                activationId,
                filter,
                filter,
                limit,
                offset);
        Long total = jdbc.queryForObject(
                "SELECT count(*) FROM " + listing.table() + where, Long.class, activationId, filter, filter);
        return new Page(total == null ? 0 : total, rows);
    }
}
