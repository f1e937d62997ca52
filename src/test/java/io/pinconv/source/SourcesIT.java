package io.pinconv.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinconv.config.SourceProperties;
import io.pinconv.segment.Dialect;
import io.pinconv.segment.RowValues;
import io.pinconv.segment.SegmentQuery;
import io.pinconv.segment.SegmentRead;
import io.pinconv.segment.TimeKind;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A segment read through each tested engine's dialect, pool and driver, as a run will read it: PostgreSQL in a
 * database and as a user other than the state's, MariaDB with its own driver and with MySQL's, and DuckDB through
 * a view over a Parquet file. The same rows everywhere, the same answers: the look-back window on an instant, a
 * wall-clock time, a date and an epoch number, rows in cursor order and past a cursor value, rows fetched by id,
 * a preview's LIMIT, instants read back as the same instants, and nothing written through a source's pool.
 *
 * <p>The JVM runs in a zone that is neither the sessions' (UTC) nor the activation's (Paris), and the rows sit a
 * minute either side of the window's start: reading or binding a time in the wrong zone moves a row across it.
 */
class SourcesIT {

    /** The window's start: 13:00 in Paris. */
    static final Instant FROM = Instant.parse("2026-11-16T12:00:00Z");

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    /** The rows: id, event time (null: none), cursor value. */
    record Row(String id, Instant at, long seq) {}

    static final List<Row> ROWS = List.of(
            new Row("o-1", FROM.minusSeconds(60), 1),
            new Row("o-2", FROM.plusSeconds(60), 2),
            new Row("o-3", FROM.plusSeconds(7200), 3),
            new Row("o-4", null, 4),
            new Row("o-5", FROM.plusSeconds(3 * 86400), 5));

    static final String SUFFIX = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    static final String PG_DB = "it_src_" + SUFFIX;
    static final String PG_USER = "it_src_reader_" + SUFFIX;
    static final String MARIA_DB = "it_src_" + SUFFIX;
    static final String MARIA_USER = "it_rd_" + SUFFIX;
    static final String PASSWORD = "pw-" + SUFFIX + "-Secret";

    static TimeZone jvmZone;

    @TempDir
    static Path dir;

    @BeforeAll
    static void aZoneOfItsOwn() {
        jvmZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("America/Sao_Paulo"));
    }

    @AfterAll
    static void tearDown() throws SQLException {
        TimeZone.setDefault(jvmZone);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + PG_DB + " WITH (FORCE)");
            s.execute("DROP TABLE IF EXISTS it_src_written_" + SUFFIX);
            s.execute("DROP ROLE IF EXISTS " + PG_USER);
        }
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", "root", "");
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + MARIA_DB);
            s.execute("DROP USER IF EXISTS '" + MARIA_USER + "'@'%'");
        }
    }

    @Test
    void postgresqlInAnotherDatabaseAsAnotherUser() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + PG_USER + " LOGIN PASSWORD '" + PASSWORD + "'");
            s.execute("CREATE DATABASE " + PG_DB);
        }
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + PG_DB, "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA shop");
            s.execute("""
                    CREATE TABLE shop.orders_export (order_id text, purchased_at timestamptz, local_at timestamp,
                      purchased_on date, purchased_epoch bigint, loaded_seq bigint, email text)""");
            insert(c, "shop.orders_export", "SET TIME ZONE 'UTC'");
            s.execute("GRANT USAGE ON SCHEMA shop TO " + PG_USER);
            s.execute("GRANT SELECT ON shop.orders_export TO " + PG_USER);
        }
        readsTheSegment(
                source("jdbc:postgresql://127.0.0.1:5432/" + PG_DB, PG_USER, null, "UTC"),
                "shop.orders_export",
                "PostgreSQL");
    }

    @Test
    void mariadbWithItsOwnDriver() throws SQLException {
        mariadbSegment();
        readsTheSegment(
                source("jdbc:mariadb://127.0.0.1:3306/" + MARIA_DB, MARIA_USER, null, "UTC"),
                "orders_export",
                "MariaDB");
        // sessions in another zone: an instant is bound as that zone's wall-clock time, and the rows are the same
        readsTheSegment(
                source("jdbc:mariadb://127.0.0.1:3306/" + MARIA_DB, MARIA_USER, null, "+09:00"),
                MARIA_DB + ".orders_export",
                "MariaDB");
    }

    @Test
    void mariadbWithMysqlsDriver() throws SQLException {
        mariadbSegment();
        readsTheSegment(
                source("jdbc:mysql://127.0.0.1:3306/" + MARIA_DB, MARIA_USER, null, "UTC"), "orders_export", "MySQL");
    }

    @Test
    void duckdbViewOverAParquetFile() throws SQLException {
        Path db = dir.resolve("exports.duckdb");
        Path parquet = dir.resolve("orders.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
                Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TEMP TABLE orders (order_id varchar, purchased_at timestamptz, local_at timestamp,
                      purchased_on date, purchased_epoch bigint, loaded_seq bigint, email varchar)""");
            insert(c, "orders", "SET TimeZone = 'UTC'");
            s.execute("COPY orders TO '" + parquet + "' (FORMAT parquet)");
            s.execute("CREATE VIEW orders_export AS SELECT * FROM read_parquet('" + parquet + "')");
        }
        readsTheSegment(source("jdbc:duckdb:" + db, null, null, "UTC"), "orders_export", "DuckDB");
    }

    @Test
    void aLoginThatMayWriteWritesNothingThroughASource() throws SQLException {
        mariadbSegment();
        // the pool is read only whatever the grants: both logins here may write
        for (SourceProperties p : List.of(
                source("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", null, "UTC"),
                source("jdbc:mariadb://127.0.0.1:3306/" + MARIA_DB, "root", null, "UTC"),
                source("jdbc:mysql://127.0.0.1:3306/" + MARIA_DB, "root", null, "UTC"))) {
            Sources sources = new Sources(Map.of("w", p), Map.of(), Map.of());
            try (Connection c = sources.get("w").pool().getConnection();
                    Statement s = c.createStatement()) {
                assertThatThrownBy(() -> s.executeUpdate("CREATE TABLE it_src_written_" + SUFFIX + " (x int)"), p.url())
                        .isInstanceOf(SQLException.class)
                        .hasMessageFindingMatch("(?i)read[ -]only");
            } finally {
                sources.destroy();
            }
        }
    }

    @Test
    void wrongCredentialsAreToldWithoutThePassword() throws SQLException {
        mariadbSegment();
        Sources sources = new Sources(
                Map.of("shop", source("jdbc:mariadb://127.0.0.1:3306/" + MARIA_DB, MARIA_USER, null, "UTC")),
                Map.of(),
                Map.of("shop", "not-" + PASSWORD));
        try {
            SourceStatus status = sources.get("shop").probe();
            assertThat(status.reachable()).isFalse();
            assertThat(status.problem()).contains("Access denied").doesNotContain(PASSWORD);
        } finally {
            sources.destroy();
        }
    }

    @Test
    void aSourceThatDoesNotAnswerIsToldWithoutItsPassword() {
        Sources sources = new Sources(
                Map.of("down", source("jdbc:mariadb://127.0.0.1:1/shop", "reader", null, "UTC")),
                Map.of(),
                Map.of("down", PASSWORD));
        try {
            SourceStatus status = sources.probeAll().get("down");
            assertThat(status.reachable()).isFalse();
            assertThat(status.engine()).isEqualTo("MariaDB");
            assertThat(status.problem()).contains("Connection refused").doesNotContain(PASSWORD);
            assertThat(status.toString()).doesNotContain(PASSWORD);
        } finally {
            sources.destroy();
        }
    }

    private static void mariadbSegment() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", "root", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + MARIA_DB);
            s.execute("CREATE USER IF NOT EXISTS '" + MARIA_USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "'");
            s.execute("GRANT SELECT ON " + MARIA_DB + ".* TO '" + MARIA_USER + "'@'%'");
            s.execute("USE " + MARIA_DB);
            if (!exists(c, "orders_export")) {
                s.execute("""
                        CREATE TABLE orders_export (order_id varchar(64), purchased_at timestamp NULL,
                          local_at datetime, purchased_on date, purchased_epoch bigint, loaded_seq bigint,
                          email varchar(255))""");
                insert(c, "orders_export", "SET time_zone = '+00:00'");
            }
        }
    }

    private static boolean exists(Connection c, String table) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(MARIA_DB, null, table, null)) {
            return rs.next();
        }
    }

    /**
     * The rows, each time written as a literal of its kind's wall-clock text, in a session put in UTC first, so that
     * neither the driver nor the JVM's zone converts anything: an instant column takes the UTC literal.
     */
    private static void insert(Connection c, String table, String utcSession) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(utcSession);
            for (Row r : ROWS) {
                String times = r.at() == null
                        ? "NULL, NULL, NULL, NULL"
                        : "TIMESTAMP '" + text(LocalDateTime.ofInstant(r.at(), ZoneId.of("UTC"))) + "', TIMESTAMP '"
                                + text(LocalDateTime.ofInstant(r.at(), PARIS)) + "', DATE '"
                                + LocalDate.ofInstant(r.at(), PARIS) + "', " + r.at().getEpochSecond();
                s.executeUpdate("INSERT INTO " + table + " VALUES ('" + r.id() + "', " + times + ", " + r.seq() + ", '"
                        + r.id() + "@example.com')");
            }
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    private static String text(LocalDateTime t) {
        return t.format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
    }

    private static SourceProperties source(String url, String user, Map<String, String> props, String zone) {
        return new SourceProperties(url, user, null, props, null, 2, null, zone);
    }

    private void readsTheSegment(SourceProperties properties, String table, String engine) throws SQLException {
        Sources sources = new Sources(Map.of("shop", properties), Map.of(), Map.of("shop", PASSWORD));
        try {
            Source source = sources.get("shop");
            SourceStatus status = source.probe();
            assertThat(status.reachable()).as(status.problem()).isTrue();
            assertThat(status.engine()).isEqualTo(engine);
            Dialect d = source.dialect();

            Map<String, TimeKind> kinds = describe(source, table);
            assertThat(kinds)
                    .as(engine + " column kinds")
                    .containsEntry("order_id", TimeKind.TEXT)
                    .containsEntry("purchased_at", TimeKind.INSTANT)
                    .containsEntry("local_at", TimeKind.WALL_CLOCK)
                    .containsEntry("purchased_on", TimeKind.DATE)
                    .containsEntry("purchased_epoch", TimeKind.EPOCH_NUMBER);

            // the window on each kind of event time: o-1 is a minute before it starts (but on the same date)
            for (String column : List.of("purchased_at", "local_at", "purchased_epoch", "purchased_on")) {
                SegmentRead read = read(table, column, kinds.get(column), true);
                List<Map<String, Object>> rows = run(source, SegmentQuery.build(read, d));
                assertThat(ids(rows))
                        .as(engine + ", window on " + column)
                        .containsExactlyElementsOf(
                                column.equals("purchased_on")
                                        ? List.of("o-1", "o-2", "o-3", "o-4", "o-5")
                                        : List.of("o-2", "o-3", "o-4", "o-5"));
                assertThat(rows)
                        .as("the cursor value as text")
                        .allSatisfy(r ->
                                assertThat(r.get("__cursor")).isEqualTo(((String) r.get("event_id")).substring(2)));
            }

            SegmentRead read = read(table, "purchased_at", TimeKind.INSTANT, true);
            List<Map<String, Object>> all = run(source, SegmentQuery.build(read, d));
            Map<String, Instant> instants = new LinkedHashMap<>();
            all.forEach(r -> instants.put((String) r.get("event_id"), (Instant)
                    RowValues.convertByKind(r, Map.of("event_time", TimeKind.INSTANT))
                            .get("event_time")));
            Map<String, Instant> expected = new LinkedHashMap<>();
            ROWS.stream().filter(r -> !r.id().equals("o-1")).forEach(r -> expected.put(r.id(), r.at()));
            assertThat(instants).as(engine + ": instants read back as written").isEqualTo(expected);

            assertThat(ids(run(source, SegmentQuery.past(read, d, 3L))))
                    .as(engine + ", past cursor value 3")
                    .containsExactly("o-3", "o-4", "o-5");
            assertThat(ids(run(source, SegmentQuery.byIds(read, d, "order_id", List.of("o-1", "o-3", "o-9")))))
                    .as(engine + ", by id within the window")
                    .containsExactly("o-3");
            assertThat(run(source, SegmentQuery.preview(read(table, "purchased_at", null, false), d, 2)))
                    .as(engine + ", preview")
                    .hasSize(2);

            try (Connection c = source.pool().getConnection();
                    Statement s = c.createStatement()) {
                assertThatThrownBy(() -> s.executeUpdate("DELETE FROM " + d.table(table)))
                        .as(engine + ": nothing is written through a source")
                        .isInstanceOf(SQLException.class);
            }
        } finally {
            sources.destroy();
        }
    }

    private static SegmentRead read(String table, String timeColumn, TimeKind kind, boolean cursor) {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("event_id", "order_id");
        columns.put("event_time", timeColumn);
        columns.put("email", "email");
        return new SegmentRead(
                table,
                columns,
                kind == null ? null : new SegmentRead.Window(timeColumn, null, FROM, PARIS, kind),
                cursor ? new SegmentRead.Cursor("loaded_seq", null, null, "order_id", "purchases") : null,
                null);
    }

    /** Each column's kind, from the zero-row SELECT's metadata, as the dialect classifies it. */
    private static Map<String, TimeKind> describe(Source source, String table) throws SQLException {
        Map<String, TimeKind> kinds = new LinkedHashMap<>();
        try (Connection c = source.pool().getConnection();
                PreparedStatement p = c.prepareStatement(SegmentQuery.describe(table, source.dialect()));
                ResultSet rs = p.executeQuery()) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                kinds.put(
                        md.getColumnLabel(i).toLowerCase(),
                        source.dialect().timeKind(md.getColumnTypeName(i), md.getColumnType(i)));
            }
        }
        return kinds;
    }

    /** Runs a statement as a run does: streamed a fetch size at a time, with the source's timeout. */
    private static List<Map<String, Object>> run(Source source, SegmentQuery.Sql sql) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection c = source.pool().getConnection();
                PreparedStatement p = c.prepareStatement(sql.sql())) {
            p.setFetchSize(source.fetchSize());
            p.setQueryTimeout(source.queryTimeoutSeconds());
            for (int i = 0; i < sql.params().size(); i++) {
                p.setObject(i + 1, sql.params().get(i));
            }
            try (ResultSet rs = p.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        Object v = rs.getObject(i);
                        row.put(md.getColumnLabel(i), v == null || v instanceof String ? v : v);
                    }
                    // the cursor's text, whatever Java type the driver gives a CAST to text
                    Object cursor = row.get("__cursor");
                    if (cursor != null) {
                        row.put("__cursor", cursor.toString());
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private static List<String> ids(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> (String) r.get("event_id")).toList();
    }
}
