package io.pinconv.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinconv.activation.ActivationRunner;
import io.pinconv.ledger.RunSummary;
import io.pinconv.standin.PinterestStandIn;
import io.pinconv.support.TestConfig;
import io.pinconv.support.TestDatabase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The incremental benchmark (not part of the test suite; run it with
 * {@code mvn verify -Dit.test=IncrementalBenchmark -Dsurefire.skip=true}): a run over a segment of
 * 1,000,000 delivered rows and 1,000 new ones, with a cursor and without, against a run over a
 * segment of just 1,000 rows. Prints the median of 3 runs of each; asserts only what was delivered.
 */
@SpringBootTest(properties = "conversions.demo=false")
class IncrementalBenchmark {

    static final int DELIVERED = Integer.getInteger("bench.delivered", 1_000_000);
    static final int NEW = 1000;
    static final String TOKEN = "pina_BENCH-incr";
    static final PinterestStandIn pinterest = new PinterestStandIn(TOKEN, false);
    static final String schema = TestDatabase.newPurchaseSegment();
    static final String account = TestDatabase.newAdAccount();

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry p) {
        var jdbc = TestDatabase.jdbc();
        jdbc.execute("CREATE TABLE " + schema + ".big (LIKE " + schema + ".purchase_events)");
        jdbc.execute("ALTER TABLE " + schema + ".big ADD COLUMN loaded_at timestamptz");
        jdbc.execute("CREATE TABLE " + schema + ".small (LIKE " + schema + ".big)");
        jdbc.execute("""
                INSERT INTO %s.big SELECT 'OLD-' || g, now() - (g %% 5000) * interval '1 minute', 'web',
                    'buyer' || g || '@example.com', '+1 415 555 ' || lpad((g %% 10000)::text, 4, '0'), 'Ada', 'Lovelace', 'US',
                    '203.0.113.' || (g %% 250), 'Mozilla/5.0', 10 + g %% 90, 'USD', now() - interval '1 day' + g * interval '1 millisecond'
                FROM generate_series(1, %d) g""".formatted(schema, DELIVERED));
        jdbc.execute("CREATE INDEX ON " + schema + ".big (loaded_at)");
        jdbc.execute("CREATE INDEX ON " + schema + ".big (order_id)");
        // the million rows were delivered by earlier runs: in the ledger, the cursor past them
        jdbc.execute("""
                INSERT INTO conversions.delivered_event (ad_account_id, event_name, event_id, activation_id, run_id, delivered_at)
                SELECT '%s', 'checkout', order_id, 'bench', 0, now() FROM %s.big""".formatted(account, schema));
        jdbc.execute("ANALYZE " + schema + ".big");
        jdbc.execute("ANALYZE conversions.delivered_event");
        TestConfig.database(p);
        TestConfig.destination(p, "pin", account, TOKEN, pinterest.baseUrl());
        Map<String, String> mapping = Map.of(
                "event_time",
                "purchased_at",
                "action_source",
                "channel",
                "event_id",
                "order_id",
                "email",
                "email",
                "phone",
                "phone",
                "client_ip_address",
                "ip",
                "client_user_agent",
                "user_agent",
                "value",
                "amount",
                "currency",
                "currency");
        TestConfig.activation(p, "bench", "pin", schema + ".big", "checkout", TestConfig.NEVER, mapping);
        p.add("conversions.activations.bench.cursor", () -> "loaded_at");
        TestConfig.activation(p, "bench-nocursor", "pin", schema + ".big", "checkout", TestConfig.NEVER, mapping);
        TestConfig.activation(p, "bench-small", "pin", schema + ".small", "checkout", TestConfig.NEVER, mapping);
    }

    @Autowired
    ActivationRunner runner;

    @AfterAll
    static void tearDown() {
        pinterest.stop();
        TestDatabase.jdbc().update("DELETE FROM conversions.delivered_event WHERE ad_account_id = ?", account);
        TestDatabase.forget("bench", "bench-nocursor", "bench-small");
        TestDatabase.jdbc().update("DELETE FROM conversions.activation_cursor WHERE activation_id = 'bench'");
        TestDatabase.dropSchema(schema);
    }

    /** 1,000 new rows in a table, loaded now, and nothing of them in the ledger. */
    void freshNewRows(String table) {
        var jdbc = TestDatabase.jdbc();
        jdbc.update("DELETE FROM " + schema + "." + table + " WHERE order_id LIKE 'NEW-%'");
        jdbc.update(
                "DELETE FROM conversions.delivered_event WHERE ad_account_id = ? AND event_id LIKE 'NEW-%'", account);
        jdbc.update("""
                INSERT INTO %s.%s SELECT 'NEW-' || g, now() - interval '5 minutes', 'web', 'new' || g || '@example.com',
                    '+1 415 555 0100', 'Ada', 'Lovelace', 'US', '203.0.113.7', 'Mozilla/5.0', 42, 'USD', clock_timestamp()
                FROM generate_series(1, %d) g""".formatted(schema, table, NEW));
        // the cursor stands just past the million
        jdbc.update("DELETE FROM conversions.activation_cursor WHERE activation_id = 'bench'");
        jdbc.update("""
                INSERT INTO conversions.activation_cursor (activation_id, cursor_column, position, updated_at)
                SELECT 'bench', 'loaded_at', CAST(max(loaded_at) AS varchar), now() FROM %s.big WHERE order_id LIKE 'OLD-%%'""".formatted(schema));
    }

    long timed(String activation, String table) {
        freshNewRows(table);
        long start = System.nanoTime();
        RunSummary run = runner.runNow(activation);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(run.status()).isEqualTo("succeeded");
        assertThat(run.delivered()).isEqualTo(NEW);
        return ms;
    }

    static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    @Test
    void incrementalRunsCostWhatIsNew() {
        timed("bench-small", "small"); // warm-up: JIT, pools, the stand-in
        List<Long> small = new ArrayList<>();
        List<Long> cursor = new ArrayList<>();
        List<Long> noCursor = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            small.add(timed("bench-small", "small"));
            cursor.add(timed("bench", "big"));
            noCursor.add(timed("bench-nocursor", "big"));
        }
        System.out.printf("%nINCREMENTAL BENCHMARK (%,d delivered rows + %,d new; median of 3 runs)%n", DELIVERED, NEW);
        System.out.printf("  segment of %,d rows only      : %,d ms  %s%n", NEW, median(small), small);
        System.out.printf(
                "  with cursor, %,d + %,d   : %,d ms  %s  ratio %.2f%n",
                DELIVERED, NEW, median(cursor), cursor, (double) median(cursor) / median(small));
        System.out.printf(
                "  without cursor, %,d + %,d: %,d ms  %s  ratio %.2f%n%n",
                DELIVERED, NEW, median(noCursor), noCursor, (double) median(noCursor) / median(small));
    }
}
