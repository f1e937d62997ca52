package io.pinconv.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.micrometer.core.instrument.MeterRegistry;
import io.pinconv.activation.ActivationCatalog;
import io.pinconv.activation.ActivationRunner;
import io.pinconv.ledger.RunSummary;
import io.pinconv.standin.PinterestStandIn;
import io.pinconv.support.PurchaseActivation;
import io.pinconv.support.TestConfig;
import io.pinconv.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Runs over segments outside the service's database, through the real routes to the Pinterest stand-in: a MariaDB
 * table, a DuckDB view of a Parquet file, and a table of another PostgreSQL database read as another user. In each,
 * two valid purchases, one too old and one with no identifier: the first run delivers the two once and holds the
 * others back with their reason, the second sends nothing.
 */
@SpringBootTest(properties = "conversions.demo=false")
class SourceRunsIT {

    static final String TOKEN = "pina_TEST-token-sources-4e2a91";
    static final PinterestStandIn pinterest = new PinterestStandIn(TOKEN);
    static final String SUFFIX = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    static final String MARIA_DB = "it_runs_" + SUFFIX;
    static final String PG_DB = "it_runs_" + SUFFIX;
    static final String PG_USER = "it_runs_reader_" + SUFFIX;
    static final String PASSWORD = "pw-" + SUFFIX + "-Secret";
    static final String GONE_PASSWORD = "pw-gone-" + SUFFIX + "-Secret";
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final DateTimeFormatter UTC_TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    static Path dir;

    @Autowired
    ActivationRunner runner;

    @Autowired
    SourceStatuses statuses;

    @Autowired
    ActivationCatalog catalog;

    @Autowired
    MeterRegistry meters;

    @Autowired
    @Qualifier("segmentSources")
    HealthIndicator sourcesHealth;

    /** The four rows of each engine, their ids prefixed with its name: (id, event time, email). */
    static List<String[]> rows(String prefix) {
        return List.of(
                new String[] {prefix + "-1", utc(NOW.minus(1, ChronoUnit.HOURS)), "'ann@example.com'"},
                new String[] {prefix + "-2", utc(NOW.minus(2, ChronoUnit.HOURS)), "'bob@example.com'"},
                new String[] {prefix + "-old", utc(NOW.minus(9, ChronoUnit.DAYS)), "'cy@example.com'"},
                new String[] {prefix + "-anonymous", utc(NOW.minus(3, ChronoUnit.HOURS)), "NULL"});
    }

    static String utc(Instant at) {
        return UTC_TEXT.format(LocalDateTime.ofInstant(at, ZoneOffset.UTC));
    }

    static void insertRows(Statement s, String table, String prefix, String timestampType) throws SQLException {
        for (String[] r : rows(prefix)) {
            s.execute("INSERT INTO " + table + " VALUES ('" + r[0] + "', " + timestampType + " '" + r[1] + "', 'web', "
                    + r[2] + ", 42.50, 'USD')");
        }
    }

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry p) throws Exception {
        TestConfig.database(p);
        dir = Files.createTempDirectory("source-runs");
        mariadb();
        String duckdb = duckdb();
        postgresql();
        source(p, "shop-db", "jdbc:mariadb://127.0.0.1:3306/" + MARIA_DB, "root", null);
        source(p, "exports", "jdbc:duckdb:" + duckdb, null, null);
        source(p, "warehouse", "jdbc:postgresql://127.0.0.1:5432/" + PG_DB, PG_USER, PASSWORD);
        // nothing listens on port 1: a source down does not stop the service, and says so
        source(p, "gone", "jdbc:mariadb://127.0.0.1:1/shop", "reader", GONE_PASSWORD);
        for (String engine : List.of("maria", "duck", "pg")) {
            TestConfig.destination(p, engine, TestDatabase.newAdAccount(), TOKEN, pinterest.baseUrl());
        }
        // the runs' state is kept by activation: a rerun on the same database starts afresh
        TestDatabase.forget("maria", "duck", "pg");
        activation(p, "maria", "shop-db", "orders_export");
        activation(p, "duck", "exports", "orders_export");
        activation(p, "pg", "warehouse", "shop.orders_export");
        Map<String, String> typo = new LinkedHashMap<>(PurchaseActivation.MAPPING);
        typo.put("email", "e_mail");
        TestConfig.activation(p, "maria-typo", "maria", "orders_export", "checkout", TestConfig.NEVER, typo);
        p.add("conversions.activations.maria-typo.source", () -> "shop-db");
        PurchaseActivation.configure(p, "maria-float", "maria", "orders_scored");
        p.add("conversions.activations.maria-float.source", () -> "shop-db");
        p.add("conversions.activations.maria-float.cursor", () -> "score");
    }

    static void source(DynamicPropertyRegistry p, String id, String url, String user, String password) {
        p.add("conversions.sources." + id + ".url", () -> url);
        if (user != null) {
            p.add("conversions.sources." + id + ".username", () -> user);
        }
        if (password != null) {
            p.add("conversions.sources." + id + ".password", () -> password);
        }
    }

    static void activation(DynamicPropertyRegistry p, String id, String source, String segment) {
        PurchaseActivation.configure(p, id, id, segment);
        p.add("conversions.activations." + id + ".source", () -> source);
    }

    static void mariadb() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", "root", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + MARIA_DB);
            s.execute("SET time_zone = '+00:00'");
            s.execute("CREATE TABLE " + MARIA_DB + ".orders_export (order_id VARCHAR(40), purchased_at TIMESTAMP NULL,"
                    + " channel VARCHAR(10), email VARCHAR(100), amount DECIMAL(10, 2), currency CHAR(3))");
            insertRows(s, MARIA_DB + ".orders_export", "maria", "TIMESTAMP");
            s.execute("CREATE VIEW " + MARIA_DB + ".orders_scored AS SELECT *, CAST(amount AS DOUBLE) AS score FROM "
                    + MARIA_DB + ".orders_export");
        }
    }

    /** A DuckDB file whose view reads a Parquet export: the test's connection is closed before the service opens it. */
    static String duckdb() throws SQLException {
        Path db = dir.resolve("exports.duckdb");
        Path parquet = dir.resolve("orders.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
                Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            s.execute("CREATE TABLE orders (order_id VARCHAR, purchased_at TIMESTAMPTZ, channel VARCHAR,"
                    + " email VARCHAR, amount DECIMAL(10, 2), currency VARCHAR)");
            insertRows(s, "orders", "duck", "TIMESTAMPTZ");
            s.execute("COPY orders TO '" + parquet + "' (FORMAT parquet)");
            s.execute("DROP TABLE orders");
            s.execute("CREATE VIEW orders_export AS SELECT * FROM read_parquet('" + parquet + "')");
        }
        return db.toString();
    }

    static void postgresql() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + PG_USER + " LOGIN PASSWORD '" + PASSWORD + "'");
            s.execute("CREATE DATABASE " + PG_DB);
        }
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + PG_DB, "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("SET TIME ZONE 'UTC'");
            s.execute("CREATE SCHEMA shop");
            s.execute("CREATE TABLE shop.orders_export (order_id text, purchased_at timestamptz, channel text,"
                    + " email text, amount numeric(10, 2), currency text)");
            insertRows(s, "shop.orders_export", "pg", "TIMESTAMPTZ");
            s.execute("GRANT USAGE ON SCHEMA shop TO " + PG_USER);
            s.execute("GRANT SELECT ON shop.orders_export TO " + PG_USER);
        }
    }

    @AfterAll
    static void dropThem() throws SQLException {
        pinterest.stop();
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", "root", "");
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + MARIA_DB);
        }
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + PG_DB + " WITH (FORCE)");
            s.execute("DROP ROLE IF EXISTS " + PG_USER);
        }
    }

    void deliversEachValidRowOnceAndHoldsBackTheRest(String activation) {
        RunSummary first = runner.runNow(activation);
        assertThat(first.status()).as(first.toString()).isEqualTo("succeeded");
        assertThat(first.read()).isEqualTo(4);
        assertThat(first.delivered()).isEqualTo(2);
        assertThat(first.rejected()).isEqualTo(2);
        assertThat(TestDatabase.jdbc()
                        .queryForList(
                                "SELECT event_id || ' ' || reason FROM conversions.rejection WHERE activation_id = ?",
                                String.class,
                                activation))
                .containsExactlyInAnyOrder(
                        activation + "-old event_time_too_old", activation + "-anonymous no_identifier");
        assertThat(sent(activation)).containsExactlyInAnyOrder(activation + "-1", activation + "-2");

        RunSummary second = runner.runNow(activation);
        assertThat(second.status()).isEqualTo("succeeded");
        assertThat(second.delivered()).isZero();
        assertThat(sent(activation)).hasSize(2);
    }

    static List<String> sent(String prefix) {
        return sent(pinterest, prefix);
    }

    static List<String> sent(PinterestStandIn pinterest, String prefix) {
        return pinterest.acceptedIds().stream()
                .filter(id -> id.startsWith(prefix + "-"))
                .toList();
    }

    @Test
    void healthAndTheAdminApiSayWhichSourceAnswersAndShowNoLogin() {
        assertThat(statuses.all())
                .extracting(SourceStatus::id, SourceStatus::engine, SourceStatus::reachable)
                .containsExactlyInAnyOrder(
                        tuple("shop-db", "MariaDB", true),
                        tuple("exports", "DuckDB", true),
                        tuple("warehouse", "PostgreSQL", true),
                        tuple("gone", "MariaDB", false));
        Health health = sourcesHealth.health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().toString())
                .contains("not answering", "answering", "127.0.0.1:1")
                .doesNotContain(PASSWORD, GONE_PASSWORD, "reader");
        // each source's pool in the metrics, as the state's pools are
        assertThat(meters.find("hikaricp.connections.max")
                        .tag("pool", "source-shop-db")
                        .gauge())
                .isNotNull();
    }

    @Test
    void aColumnMissingFromASourcesSegmentIsNamedAtStartWithTheSourceAndTheSegment() {
        assertThat(catalog.problems().get("maria-typo"))
                .anySatisfy(problem -> assertThat(problem)
                        .startsWith("mapping.email: column 'e_mail' is not in segment orders_export of source 'shop-db'"
                                + " (did you mean email?);"
                                + " its columns are: order_id, purchased_at, channel, email, amount, currency"));
        assertThat(catalog.find("maria")).isPresent();
    }

    @Test
    void aCursorWhoseValuesCannotBeComparedExactlyIsRefusedAtStart() {
        assertThat(catalog.problems().get("maria-float"))
                .containsExactly("cursor: column 'score' (DOUBLE) cannot be a cursor: its values cannot be kept and"
                        + " compared exactly; use a number, a timestamp, a date or text that grows with each new row");
    }

    @Test
    void aMariadbTable() {
        deliversEachValidRowOnceAndHoldsBackTheRest("maria");
    }

    @Test
    void aDuckdbViewOfAParquetFile() {
        deliversEachValidRowOnceAndHoldsBackTheRest("duck");
    }

    @Test
    void aTableOfAnotherPostgresqlDatabase() {
        deliversEachValidRowOnceAndHoldsBackTheRest("pg");
    }
}
