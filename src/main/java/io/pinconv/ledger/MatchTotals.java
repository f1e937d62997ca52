package io.pinconv.ledger;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The service's own match quality over a time: the runs' match counts summed (conversions.run), for a set of
 * activations (those sending to one destination), to set beside Pinterest's Event Quality Score.
 */
@Repository
public class MatchTotals {

    /** The identifiers (and value, currency) counted per delivered event, as the run table names them. */
    static final Map<String, String> COLUMNS = columns();

    /** Events delivered, and of them how many carried each identifier. */
    public record Totals(long runs, long delivered, Map<String, Long> carried) {}

    private final JdbcTemplate jdbc;

    public MatchTotals(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Totals since(Collection<String> activationIds, Instant since) {
        if (activationIds.isEmpty()) {
            Map<String, Long> none = new LinkedHashMap<>();
            COLUMNS.keySet().forEach(k -> none.put(k, 0L));
            return new Totals(0, 0, none);
        }
        StringBuilder sql = new StringBuilder("SELECT count(*), coalesce(sum(delivered), 0)");
        COLUMNS.values().forEach(c -> sql.append(", coalesce(sum(").append(c).append("), 0)"));
        // what Pinterest recorded: not what a dry run wrote, nor what test mode had validated
        sql.append(
                        " FROM conversions.run WHERE started_at >= ? AND NOT dry_run AND NOT test_mode AND activation_id IN (")
                .append(String.join(", ", Collections.nCopies(activationIds.size(), "?")))
                .append(')');
        Object[] args = new Object[activationIds.size() + 1];
        args[0] = Timestamp.from(since);
        int i = 1;
        for (String id : activationIds) {
            args[i++] = id;
        }
        return jdbc.queryForObject(
                sql.toString(),
                (rs, n) -> {
                    Map<String, Long> carried = new LinkedHashMap<>();
                    int col = 3;
                    for (String key : COLUMNS.keySet()) {
                        carried.put(key, rs.getLong(col++));
                    }
                    return new Totals(rs.getLong(1), rs.getLong(2), carried);
                },
                args);
    }

    private static Map<String, String> columns() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("email", "match_email");
        c.put("phone", "match_phone");
        c.put("mobileAdId", "match_mobile_ad_id");
        c.put("ipUserAgent", "match_ip_user_agent");
        c.put("clickId", "match_click_id");
        c.put("externalId", "match_external_id");
        c.put("value", "match_value");
        c.put("currency", "match_currency");
        return Collections.unmodifiableMap(c);
    }
}
