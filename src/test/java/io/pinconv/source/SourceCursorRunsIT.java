package io.pinconv.source;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Runs past a cursor over segments in sources, one kind of cursor each: a MariaDB number, a DuckDB instant (a view of
 * Parquet files), a PostgreSQL wall-clock time. The first run delivers the valid rows; the second reads only the
 * rows held back behind the cursor (by id) and the row at the position, and sends nothing; the third sends the new row past the cursor and the
 * row fixed behind it, and nothing else.
 */
@SpringBootTest(properties = "conversions.demo=false")
class SourceCursorRunsIT {

    static final String TOKEN = "pina_TEST-token-cursors-7c1e05";
    static final PinterestStandIn pinterest = new PinterestStandIn(TOKEN);
    static final String SUFFIX = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    static final String MARIA_DB = "it_cursor_" + SUFFIX;
    static final String PG_DB = "it_cursor_" + SUFFIX;
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    /**
     * When row {@code i} was loaded: an hour apart, the last two hours ago, so that a run past the cursor reads again
     * (overlap of 10 minutes, and {@code >=}) only the last row of the first load.
     */
    static String loaded(int i) {
        return SourceRunsIT.utc(NOW.minus(5 - i, ChronoUnit.HOURS));
    }

    static Path dir;

    @Autowired
    ActivationRunner runner;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry p) throws Exception {
        TestConfig.database(p);
        dir = Files.createTempDirectory("source-cursors");
        try (Statement s = maria()) {
            s.execute("CREATE DATABASE " + MARIA_DB);
            s.execute("CREATE TABLE " + MARIA_DB + ".orders (order_id VARCHAR(40), purchased_at TIMESTAMP NULL,"
                    + " channel VARCHAR(10), email VARCHAR(100), amount DECIMAL(10, 2), currency CHAR(3), seq BIGINT)");
            insert(s, MARIA_DB + ".orders", "maria-cursor", 0, "TIMESTAMP", i -> Long.toString(i + 1));
        }
        writeParquet("orders-1.parquet", "duck-cursor", 0);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("exports.duckdb"));
                Statement s = c.createStatement()) {
            s.execute("CREATE VIEW orders AS SELECT * FROM read_parquet('" + dir.resolve("orders-*.parquet") + "')");
        }
        try (Statement s = pg("postgres")) {
            s.execute("CREATE DATABASE " + PG_DB);
        }
        try (Statement s = pg(PG_DB)) {
            s.execute("CREATE TABLE orders (order_id text, purchased_at timestamptz, channel text, email text,"
                    + " amount numeric(10, 2), currency text, loaded_at timestamp)");
            insert(s, "orders", "pg-cursor", 0, "TIMESTAMPTZ", i -> "TIMESTAMP '" + loaded(i) + "'");
        }
        source(p, "shop-db", "jdbc:mariadb://127.0.0.1:3306/" + MARIA_DB, "root");
        source(p, "exports", "jdbc:duckdb:" + dir.resolve("exports.duckdb"), null);
        source(p, "warehouse", "jdbc:postgresql://127.0.0.1:5432/" + PG_DB, "postgres");
        // ids of their own (the runs' state is kept by activation): a rerun on the same database starts afresh
        TestDatabase.forget("maria-cursor", "duck-cursor", "pg-cursor");
        activation(p, "maria-cursor", "shop-db", "orders", "seq");
        activation(p, "duck-cursor", "exports", "orders", "loaded_at");
        activation(p, "pg-cursor", "warehouse", "orders", "loaded_at");
    }

    interface CursorValue {
        String of(int row);
    }

    /** The rows of SourceRunsIT (two valid, one too old, one without identifier), from the {@code first}-th on. */
    static void insert(Statement s, String table, String prefix, int first, String timestampType, CursorValue cursor)
            throws SQLException {
        List<String[]> rows = SourceRunsIT.rows(prefix);
        for (int i = first; i < rows.size(); i++) {
            String[] r = rows.get(i);
            s.execute("INSERT INTO " + table + " VALUES ('" + r[0] + "', " + timestampType + " '" + r[1] + "', 'web', "
                    + r[2] + ", 42.50, 'USD', " + cursor.of(i) + ")");
        }
    }

    /** A Parquet file of DuckDB rows, written by a DuckDB of its own: the service's file is opened read only. */
    static void writeParquet(String file, String prefix, int variant) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            s.execute("CREATE TABLE t (order_id VARCHAR, purchased_at TIMESTAMPTZ, channel VARCHAR, email VARCHAR,"
                    + " amount DECIMAL(10, 2), currency VARCHAR, loaded_at TIMESTAMPTZ)");
            if (variant == 0) {
                insert(s, "t", prefix, 0, "TIMESTAMPTZ", i -> "TIMESTAMPTZ '" + loaded(i) + "+00'");
            } else {
                // the first file again, its anonymous row given an e-mail (a fix, not a new row: its cursor stays)
                insert(s, "t", prefix, 0, "TIMESTAMPTZ", i -> "TIMESTAMPTZ '" + loaded(i) + "+00'");
                s.execute("UPDATE t SET email = 'dee@example.com' WHERE order_id = '" + prefix + "-anonymous'");
            }
            s.execute("COPY t TO '" + dir.resolve(file) + "' (FORMAT parquet)");
        }
    }

    static Statement maria() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", "root", "");
        Statement s = c.createStatement();
        s.execute("SET time_zone = '+00:00'");
        return s;
    }

    static Statement pg(String database) throws SQLException {
        Statement s = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database, "postgres", "")
                .createStatement();
        s.execute("SET TIME ZONE 'UTC'");
        return s;
    }

    static void source(DynamicPropertyRegistry p, String id, String url, String user) {
        p.add("conversions.sources." + id + ".url", () -> url);
        if (user != null) {
            p.add("conversions.sources." + id + ".username", () -> user);
        }
    }

    static void activation(DynamicPropertyRegistry p, String id, String source, String segment, String cursor) {
        TestConfig.destination(p, id, TestDatabase.newAdAccount(), TOKEN, pinterest.baseUrl());
        PurchaseActivation.configure(p, id, id, segment);
        p.add("conversions.activations." + id + ".source", () -> source);
        p.add("conversions.activations." + id + ".cursor", () -> cursor);
    }

    @AfterAll
    static void dropThem() throws SQLException {
        pinterest.stop();
        try (Statement s = maria()) {
            s.execute("DROP DATABASE IF EXISTS " + MARIA_DB);
        }
        try (Statement s = pg("postgres")) {
            s.execute("DROP DATABASE IF EXISTS " + PG_DB + " WITH (FORCE)");
        }
    }

    interface Edit {
        void apply() throws SQLException;
    }

    void readsPastTheCursorAndAgainOnlyWhatIsHeldBack(String activation, Edit addAndFix) throws SQLException {
        RunSummary first = runner.runNow(activation);
        assertThat(first.status()).as(String.valueOf(first)).isEqualTo("succeeded");
        assertThat(first.delivered()).isEqualTo(2);
        assertThat(first.rejected()).isEqualTo(2);

        RunSummary second = runner.runNow(activation);
        assertThat(second.status()).as(String.valueOf(second)).isEqualTo("succeeded");
        // the row at the position (read from it on), which is the row held back without an identifier: read once,
        // not a second time by its id; not the one too old, which cannot become sendable
        assertThat(second.read()).isEqualTo(1);
        assertThat(second.duplicateIds()).isZero();
        assertThat(second.delivered()).isZero();

        addAndFix.apply();
        RunSummary third = runner.runNow(activation);
        assertThat(third.status()).as(String.valueOf(third)).isEqualTo("succeeded");
        assertThat(third.read()).isEqualTo(2);
        assertThat(third.delivered()).isEqualTo(2);
        assertThat(SourceRunsIT.sent(pinterest, activation))
                .containsExactlyInAnyOrder(
                        activation + "-1", activation + "-2", activation + "-new", activation + "-anonymous");
    }

    static String newRow(String prefix, String timestampType, String cursor) {
        return "('" + prefix + "-new', " + timestampType + " '" + SourceRunsIT.utc(NOW.minus(5, ChronoUnit.MINUTES))
                + "', 'web', 'eve@example.com', 10.00, 'USD', " + cursor + ")";
    }

    @Test
    void aNumberCursorInMariadb() throws SQLException {
        readsPastTheCursorAndAgainOnlyWhatIsHeldBack("maria-cursor", () -> {
            try (Statement s = maria()) {
                s.execute("INSERT INTO " + MARIA_DB + ".orders VALUES " + newRow("maria-cursor", "TIMESTAMP", "5"));
                s.execute("UPDATE " + MARIA_DB + ".orders SET email = 'dee@example.com'"
                        + " WHERE order_id = 'maria-cursor-anonymous'");
            }
        });
    }

    @Test
    void anInstantCursorInADuckdbViewOfParquetFiles() throws SQLException {
        readsPastTheCursorAndAgainOnlyWhatIsHeldBack("duck-cursor", () -> {
            writeParquet("orders-1.parquet", "duck-cursor", 1);
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                    Statement s = c.createStatement()) {
                s.execute("SET TimeZone = 'UTC'");
                s.execute("COPY (SELECT * FROM (VALUES "
                        + newRow("duck-cursor", "TIMESTAMPTZ", "TIMESTAMPTZ '" + SourceRunsIT.utc(NOW) + "+00'")
                        + ") v(order_id, purchased_at, channel, email, amount, currency, loaded_at)) TO '"
                        + dir.resolve("orders-2.parquet") + "' (FORMAT parquet)");
            }
        });
    }

    @Test
    void aWallClockCursorInAnotherPostgresqlDatabase() throws SQLException {
        readsPastTheCursorAndAgainOnlyWhatIsHeldBack("pg-cursor", () -> {
            try (Statement s = pg(PG_DB)) {
                s.execute("INSERT INTO orders VALUES "
                        + newRow("pg-cursor", "TIMESTAMPTZ", "TIMESTAMP '" + SourceRunsIT.utc(NOW) + "'"));
                s.execute("UPDATE orders SET email = 'dee@example.com' WHERE order_id = 'pg-cursor-anonymous'");
            }
        });
    }
}
