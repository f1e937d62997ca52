package io.pinconv.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Golden SQL: every statement the service sends to Snowflake, BigQuery, Redshift and Databricks, whole, with its
 * parameters. None of these engines runs here; a change to any of these texts is a change to check against the
 * engine's documentation (docs/sources.md), not a test to update blindly.
 */
class WarehouseSqlTest {

    static final Instant FROM = Instant.parse("2026-11-16T12:00:00Z");
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    static Map<String, String> columns(String eventTime, String eventId) {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("event_time", eventTime);
        columns.put("event_id", eventId);
        return columns;
    }

    /** A first run: the window on an instant column, rows in cursor order. */
    static SegmentRead firstRun(String table, String eventTime, String eventId, String cursor, TimeKind kind) {
        return new SegmentRead(
                table,
                columns(eventTime, eventId),
                new SegmentRead.Window(eventTime, null, FROM, PARIS, kind),
                new SegmentRead.Cursor(cursor, null, null, eventId, "purchases"),
                null);
    }

    @Test
    void snowflake() {
        Dialect d = Dialect.SNOWFLAKE;
        SegmentRead read = firstRun("ANALYTICS.MARTS.PURCHASES", "PURCHASED_AT", "ORDER_ID", "LOADED_AT", null);
        read = new SegmentRead(
                read.table(),
                read.columnByField(),
                new SegmentRead.Window("PURCHASED_AT", "TIMESTAMP_LTZ", FROM, PARIS),
                read.cursor(),
                null);
        String select = "SELECT s.\"PURCHASED_AT\" AS \"event_time\", s.\"ORDER_ID\" AS \"event_id\","
                + " CAST(s.\"LOADED_AT\" AS VARCHAR) AS \"__cursor\", s.\"LOADED_AT\" AS \"__cursor_order\"";
        String window = "(s.\"PURCHASED_AT\" >= ? OR s.\"PURCHASED_AT\" IS NULL)";

        assertThat(d.sessionTimeZoneStatement()).isEqualTo("ALTER SESSION SET TIMEZONE = 'UTC'");
        assertThat(SegmentQuery.describe("ANALYTICS.MARTS.PURCHASES", d))
                .isEqualTo("SELECT * FROM ANALYTICS.MARTS.PURCHASES WHERE 1 = 0");
        assertSql(
                SegmentQuery.build(read, d),
                select + ", TRUE AS \"__new\" FROM ANALYTICS.MARTS.PURCHASES s WHERE " + window
                        + " ORDER BY s.\"LOADED_AT\"",
                Timestamp.from(FROM));
        assertSql(
                SegmentQuery.past(read, d, new BigDecimal("1234.5")),
                select + ", TRUE AS \"__new\" FROM ANALYTICS.MARTS.PURCHASES s WHERE " + window
                        + " AND s.\"LOADED_AT\" IS NOT NULL AND s.\"LOADED_AT\" >= ? ORDER BY s.\"LOADED_AT\"",
                Timestamp.from(FROM),
                new BigDecimal("1234.5"));
        assertSql(
                SegmentQuery.byIds(read, d, "ORDER_ID", List.of("o-1", "o-2")),
                select + ", FALSE AS \"__new\" FROM ANALYTICS.MARTS.PURCHASES s WHERE " + window
                        + " AND CAST(s.\"ORDER_ID\" AS VARCHAR) IN (?, ?)",
                Timestamp.from(FROM),
                "o-1",
                "o-2");
        // a TIMESTAMP_NTZ event time: the activation's wall-clock time
        assertSql(
                SegmentQuery.preview(
                        new SegmentRead(
                                "\"Analytics\".MARTS.PURCHASES",
                                columns("PURCHASED_AT", "ORDER_ID"),
                                new SegmentRead.Window("PURCHASED_AT", "TIMESTAMPNTZ", FROM, PARIS),
                                null,
                                null),
                        d,
                        20),
                "SELECT s.\"PURCHASED_AT\" AS \"event_time\", s.\"ORDER_ID\" AS \"event_id\""
                        + " FROM \"Analytics\".MARTS.PURCHASES s WHERE " + window + " LIMIT 20",
                LocalDateTime.of(2026, 11, 16, 13, 0));
    }

    @Test
    void bigQuery() {
        Dialect d = Dialect.BIGQUERY;
        SegmentRead read = firstRun("shop-prod-42.marts.purchases", "purchased_at", "order_id", "loaded_at", null);
        read = new SegmentRead(
                read.table(),
                read.columnByField(),
                new SegmentRead.Window("purchased_at", "TIMESTAMP", FROM, PARIS),
                read.cursor(),
                null);
        String table = "`shop-prod-42`.marts.purchases";
        String select = "SELECT s.`purchased_at` AS `event_time`, s.`order_id` AS `event_id`,"
                + " CAST(s.`loaded_at` AS STRING) AS `__cursor`, s.`loaded_at` AS `__cursor_order`";
        String window = "(s.`purchased_at` >= ? OR s.`purchased_at` IS NULL)";

        assertThat(d.sessionTimeZoneStatement())
                .as("TIMESTAMP is UTC; no session zone")
                .isNull();
        assertThat(SegmentQuery.describe("shop-prod-42.marts.purchases", d))
                .isEqualTo("SELECT * FROM " + table + " WHERE 1 = 0");
        assertSql(
                SegmentQuery.build(read, d),
                select + ", TRUE AS `__new` FROM " + table + " s WHERE " + window + " ORDER BY s.`loaded_at`",
                Timestamp.from(FROM));
        assertSql(
                SegmentQuery.past(read, d, Instant.parse("2026-11-20T10:00:00Z")),
                select + ", TRUE AS `__new` FROM " + table + " s WHERE " + window
                        + " AND s.`loaded_at` IS NOT NULL AND s.`loaded_at` >= ? ORDER BY s.`loaded_at`",
                Timestamp.from(FROM),
                Instant.parse("2026-11-20T10:00:00Z"));
        assertSql(
                SegmentQuery.byIds(read, d, "order_id", List.of("o-1")),
                select + ", FALSE AS `__new` FROM " + table + " s WHERE " + window
                        + " AND CAST(s.`order_id` AS STRING) IN (?)",
                Timestamp.from(FROM),
                "o-1");
        // a DATE event time: the activation's date; BigQuery bills the columns read whatever the LIMIT
        assertSql(
                SegmentQuery.preview(
                        new SegmentRead(
                                "marts.purchases",
                                columns("purchased_on", "order_id"),
                                new SegmentRead.Window("purchased_on", "DATE", FROM, PARIS),
                                null,
                                null),
                        d,
                        5),
                "SELECT s.`purchased_on` AS `event_time`, s.`order_id` AS `event_id` FROM marts.purchases s"
                        + " WHERE (s.`purchased_on` >= ? OR s.`purchased_on` IS NULL) LIMIT 5",
                LocalDate.of(2026, 11, 16));
    }

    @Test
    void redshift() {
        Dialect d = Dialect.REDSHIFT;
        SegmentRead read = firstRun("dev.marts.purchases", "purchased_at", "order_id", "loaded_at", null);
        read = new SegmentRead(
                read.table(),
                read.columnByField(),
                new SegmentRead.Window("purchased_at", "timestamp", FROM, PARIS),
                read.cursor(),
                null);
        String select = "SELECT s.\"purchased_at\" AS \"event_time\", s.\"order_id\" AS \"event_id\","
                + " CAST(s.\"loaded_at\" AS VARCHAR) AS \"__cursor\", s.\"loaded_at\" AS \"__cursor_order\"";
        String window = "(s.\"purchased_at\" >= ? OR s.\"purchased_at\" IS NULL)";

        assertThat(d.sessionTimeZoneStatement()).isEqualTo("SET TIMEZONE TO 'UTC'");
        assertThat(SegmentQuery.describe("dev.marts.purchases", d))
                .isEqualTo("SELECT * FROM dev.marts.purchases WHERE 1 = 0");
        // a timestamp (without zone) event time: the activation's wall-clock time
        assertSql(
                SegmentQuery.build(read, d),
                select + ", TRUE AS \"__new\" FROM dev.marts.purchases s WHERE " + window + " ORDER BY s.\"loaded_at\"",
                LocalDateTime.of(2026, 11, 16, 13, 0));
        assertSql(
                SegmentQuery.past(read, d, 9_000_000_001L),
                select + ", TRUE AS \"__new\" FROM dev.marts.purchases s WHERE " + window
                        + " AND s.\"loaded_at\" IS NOT NULL AND s.\"loaded_at\" >= ? ORDER BY s.\"loaded_at\"",
                LocalDateTime.of(2026, 11, 16, 13, 0),
                9_000_000_001L);
        assertSql(
                SegmentQuery.byIds(read, d, "order_id", List.of("o-1", "o-2", "o-3")),
                select + ", FALSE AS \"__new\" FROM dev.marts.purchases s WHERE " + window
                        + " AND CAST(s.\"order_id\" AS VARCHAR) IN (?, ?, ?)",
                LocalDateTime.of(2026, 11, 16, 13, 0),
                "o-1",
                "o-2",
                "o-3");
        // an epoch number event time, and a LIMIT: Redshift ignores JDBC's maxRows
        assertSql(
                SegmentQuery.preview(
                        new SegmentRead(
                                "purchases",
                                columns("purchased_epoch", "order_id"),
                                new SegmentRead.Window("purchased_epoch", "int8", FROM, PARIS),
                                null,
                                null),
                        d,
                        20),
                "SELECT s.\"purchased_epoch\" AS \"event_time\", s.\"order_id\" AS \"event_id\" FROM purchases s"
                        + " WHERE (((s.\"purchased_epoch\" >= ? AND s.\"purchased_epoch\" < 100000000000)"
                        + " OR s.\"purchased_epoch\" >= ?) OR s.\"purchased_epoch\" IS NULL) LIMIT 20",
                BigDecimal.valueOf(FROM.getEpochSecond()),
                BigDecimal.valueOf(FROM.getEpochSecond() * 1000));
    }

    @Test
    void databricks() {
        Dialect d = Dialect.DATABRICKS;
        SegmentRead read = firstRun("main.marts.purchases", "purchased_at", "order_id", "loaded_at", null);
        read = new SegmentRead(
                read.table(),
                read.columnByField(),
                new SegmentRead.Window("purchased_at", "TIMESTAMP_NTZ", FROM, PARIS),
                read.cursor(),
                null);
        String select = "SELECT s.`purchased_at` AS `event_time`, s.`order_id` AS `event_id`,"
                + " CAST(s.`loaded_at` AS STRING) AS `__cursor`, s.`loaded_at` AS `__cursor_order`";
        String window = "(s.`purchased_at` >= ? OR s.`purchased_at` IS NULL)";

        assertThat(d.sessionTimeZoneStatement()).isEqualTo("SET TIME ZONE 'UTC'");
        assertThat(SegmentQuery.describe("main.marts.purchases", d))
                .isEqualTo("SELECT * FROM main.marts.purchases WHERE 1 = 0");
        assertSql(
                SegmentQuery.build(read, d),
                select + ", TRUE AS `__new` FROM main.marts.purchases s WHERE " + window + " ORDER BY s.`loaded_at`",
                LocalDateTime.of(2026, 11, 16, 13, 0));
        assertSql(
                SegmentQuery.past(read, d, "2026-11-20T10:00:00Z"),
                select + ", TRUE AS `__new` FROM main.marts.purchases s WHERE " + window
                        + " AND s.`loaded_at` IS NOT NULL AND s.`loaded_at` >= ? ORDER BY s.`loaded_at`",
                LocalDateTime.of(2026, 11, 16, 13, 0),
                "2026-11-20T10:00:00Z");
        assertSql(
                SegmentQuery.byIds(read, d, "order_id", List.of("o-1")),
                select + ", FALSE AS `__new` FROM main.marts.purchases s WHERE " + window
                        + " AND CAST(s.`order_id` AS STRING) IN (?)",
                LocalDateTime.of(2026, 11, 16, 13, 0),
                "o-1");
        // a TIMESTAMP event time: an instant
        assertSql(
                SegmentQuery.preview(
                        new SegmentRead(
                                "purchases",
                                columns("purchased_at", "order_id"),
                                new SegmentRead.Window("purchased_at", "TIMESTAMP", FROM, PARIS),
                                null,
                                null),
                        d,
                        20),
                "SELECT s.`purchased_at` AS `event_time`, s.`order_id` AS `event_id` FROM purchases s" + " WHERE "
                        + window + " LIMIT 20",
                Timestamp.from(FROM));
    }

    @Test
    void theStatesTablesAreJoinedOnlyInTheStateDatabase() {
        for (Dialect d : List.of(Dialect.SNOWFLAKE, Dialect.BIGQUERY, Dialect.REDSHIFT, Dialect.DATABRICKS)) {
            assertThatThrownBy(() -> SegmentQuery.build(
                            new SegmentRead(
                                    "t",
                                    columns("a", "b"),
                                    null,
                                    null,
                                    new SegmentRead.Exclusion("b", "123", "checkout")),
                            d))
                    .as(d.engine())
                    .hasMessageContaining("ledger")
                    .hasMessageContaining(d.engine());
            assertThatThrownBy(() -> SegmentQuery.build(
                            new SegmentRead(
                                    "t",
                                    columns("a", "b"),
                                    null,
                                    new SegmentRead.Cursor("c", "bigint", "42", "b", "x"),
                                    null),
                            d))
                    .as(d.engine())
                    .hasMessageContaining("retry");
        }
    }

    @Test
    void idsAreFetchedAFewHundredAtATime() {
        SegmentRead read = new SegmentRead("t", columns("a", "b"), null, null, null);
        List<String> tooMany =
                java.util.stream.IntStream.range(0, 501).mapToObj(i -> "id" + i).toList();
        assertThatThrownBy(() -> SegmentQuery.byIds(read, Dialect.SNOWFLAKE, "b", tooMany))
                .hasMessageContaining("500");
        assertThatThrownBy(() -> SegmentQuery.byIds(read, Dialect.SNOWFLAKE, "b", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertSql(SegmentQuery.Sql sql, String expected, Object... params) {
        assertThat(sql.sql()).isEqualTo(expected);
        assertThat(sql.params()).containsExactly(params);
    }
}
