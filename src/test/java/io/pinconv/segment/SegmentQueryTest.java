package io.pinconv.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SegmentQueryTest {

    static final Instant FROM = Instant.parse("2026-11-16T12:00:00Z");

    static Map<String, String> columns() {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("event_time", "purchased_at");
        columns.put("event_id", "order_id");
        return columns;
    }

    @Test
    void selectsEachMappedColumnQuotedUnderItsFieldName() {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("event_id", "order_id");
        columns.put("order_id", "order_id");
        columns.put("email", "E-Mail \"x\"");
        assertThat(SegmentQuery.build(new SegmentRead("analytics.purchase_events", columns, null, null, null))
                        .sql())
                .isEqualTo(
                        "SELECT s.\"order_id\" AS \"event_id\", s.\"order_id\" AS \"order_id\", s.\"E-Mail \"\"x\"\"\" AS \"email\""
                                + " FROM analytics.purchase_events s");
    }

    @Test
    void theWindowFollowsTheEventTimeColumnsType() {
        var tz = SegmentQuery.build(new SegmentRead(
                "t",
                columns(),
                new SegmentRead.Window("purchased_at", "timestamptz", FROM, ZoneId.of("UTC")),
                null,
                null));
        assertThat(tz.sql()).endsWith(" WHERE (s.\"purchased_at\" >= ? OR s.\"purchased_at\" IS NULL)");
        assertThat(tz.params()).containsExactly(Timestamp.from(FROM));

        var naive = SegmentQuery.build(new SegmentRead(
                "t",
                columns(),
                new SegmentRead.Window("purchased_at", "timestamp", FROM, ZoneId.of("Europe/Paris")),
                null,
                null));
        assertThat(naive.params()).containsExactly(LocalDateTime.of(2026, 11, 16, 13, 0));

        var epoch = SegmentQuery.build(new SegmentRead(
                "t", columns(), new SegmentRead.Window("purchased_at", "int8", FROM, ZoneId.of("UTC")), null, null));
        assertThat(epoch.sql())
                .contains(
                        "((s.\"purchased_at\" >= ? AND s.\"purchased_at\" < 100000000000) OR s.\"purchased_at\" >= ?)");
        assertThat(epoch.params())
                .containsExactly(
                        BigDecimal.valueOf(FROM.getEpochSecond()), BigDecimal.valueOf(FROM.getEpochSecond() * 1000));

        var text = SegmentQuery.build(new SegmentRead(
                "t", columns(), new SegmentRead.Window("purchased_at", "text", FROM, ZoneId.of("UTC")), null, null));
        assertThat(text.sql()).doesNotContain("WHERE");
    }

    @Test
    void deliveredRowsAreLeftOutInSql() {
        var sql = SegmentQuery.build(
                new SegmentRead("t", columns(), null, null, new SegmentRead.Exclusion("order_id", "123", "checkout")));
        assertThat(sql.sql())
                .contains(
                        "NOT EXISTS (SELECT 1 FROM conversions.delivered_event d WHERE d.event_id = CAST(s.\"order_id\" AS varchar)");
        assertThat(sql.params()).containsExactly("123", "checkout");
    }

    @Test
    void pastTheCursorRowsComeInCursorOrderAfterThoseToRetry() {
        var sql = SegmentQuery.build(new SegmentRead(
                "t",
                columns(),
                null,
                new SegmentRead.Cursor("loaded_at", "timestamptz", "2026-11-20 10:00:00+00", "order_id", "shop"),
                null));
        assertThat(sql.sql())
                .contains("s.\"loaded_at\" >= CAST(? AS timestamptz)")
                .contains("s.\"loaded_at\" < CAST(? AS timestamptz)")
                .contains("conversions.pending_event")
                .contains("conversions.rejection")
                .contains("UNION ALL")
                .endsWith("ORDER BY \"__new\", \"__cursor_order\"");
        assertThat(sql.params()).containsExactly("shop", "shop", "2026-11-20 10:00:00+00", "2026-11-20 10:00:00+00");
    }

    @Test
    void onlyPlainTableNamesAreAccepted() {
        assertThat(SegmentNames.isValidTable("purchase_events")).isTrue();
        assertThat(SegmentNames.isValidTable("analytics.purchase_events")).isTrue();
        assertThat(SegmentNames.isValidTable("a; DROP TABLE x")).isFalse();
        assertThat(SegmentNames.isValidTable("a.b.c")).isFalse();
    }
}
