package io.pinconv.segment;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinconv.standin.PinterestStandIn;
import io.pinconv.support.PurchaseActivation;
import io.pinconv.support.ServiceProcess;
import io.pinconv.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cursor of every type a segment may be loaded with, run by the scheduler of the packaged service in its own
 * process: the first run delivers what is there, later runs read only the rows that arrived, a late row (an old
 * event loaded later) is delivered, and a restart in between changes none of that. A bigserial cursor used to
 * fail every run after the first ("type "bigserial" does not exist").
 */
class CursorTypesIT {

    static final String TOKEN = "pina_CURSOR-token-5e5e";

    /** Cursor type: its column's definition, and the SQL of the cursor value of the n-th load (null: the column's default). */
    record CursorKind(String name, String column, String valueOfLoad) {}

    static final List<CursorKind> KINDS = List.of(
            new CursorKind("smallserial", "smallserial", null),
            new CursorKind("serial", "serial", null),
            new CursorKind("bigserial", "bigserial", null),
            new CursorKind("identity", "bigint GENERATED ALWAYS AS IDENTITY", null),
            new CursorKind("smallint", "smallint", "CAST(%1$d * 100 + g AS smallint)"),
            new CursorKind("integer", "integer", "%1$d * 100 + g"),
            new CursorKind("bigint", "bigint", "%1$d * 10000000000 + g"),
            new CursorKind("numeric", "numeric(20,3)", "%1$d * 1000 + g / 7.0"),
            new CursorKind(
                    "timestamptz",
                    "timestamptz",
                    "timestamptz '2026-01-01 00:00:00+00' + %1$d * interval '1 day' + g * interval '1 second'"),
            new CursorKind(
                    "timestamp",
                    "timestamp",
                    "timestamp '2026-01-01 00:00:00' + %1$d * interval '1 day' + g * interval '1 second'"),
            new CursorKind("date", "date", "date '2026-01-01' + %1$d"),
            new CursorKind(
                    "isotext",
                    "text",
                    "to_char(timestamp '2026-01-01' + %1$d * interval '1 day' + g * interval '1 second', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"),
            new CursorKind("view", "bigserial", null));

    @TempDir
    Path dir;

    PinterestStandIn pinterest = new PinterestStandIn(TOKEN, false);
    String schema = "it_cur_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    Process service;

    @AfterEach
    void tearDown() throws Exception {
        if (service != null && service.isAlive()) {
            service.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        pinterest.stop();
        TestDatabase.dropSchema(schema);
        KINDS.forEach(k -> TestDatabase.forget(activation(k)));
        KINDS.forEach(k -> TestDatabase.jdbc()
                .update("DELETE FROM conversions.activation_cursor WHERE activation_id = ?", activation(k)));
    }

    @Test
    void everyCursorTypeReadsOnlyWhatArrivedAcrossRunsAndARestart() throws Exception {
        TestDatabase.jdbc().execute("CREATE SCHEMA " + schema);
        for (CursorKind k : KINDS) {
            String table = k.name().equals("view") ? "t_view_base" : "t_" + k.name();
            TestDatabase.jdbc().execute("""
                    CREATE TABLE %s.%s (order_id text, purchased_at timestamptz, channel text, email text,
                                        amount numeric(12, 2), currency text, cur %s)""".formatted(schema, table, k.column()));
            if (k.name().equals("view")) {
                TestDatabase.jdbc()
                        .execute("CREATE VIEW %s.t_view AS SELECT * FROM %s.t_view_base".formatted(schema, schema));
            }
        }
        Path config = writeConfig();
        Path log = dir.resolve("service.log");

        load(1, 5, "1 hour");
        service = ServiceProcess.startQuickly(dir, config, log, "256m");
        awaitDelivered(5, log);

        load(2, 3, "10 minutes");
        awaitDelivered(8, log);

        // stopped, a late row loaded meanwhile (an event of five days ago, loaded now), started again
        service.destroy();
        assertThat(service.waitFor(60, TimeUnit.SECONDS)).isTrue();
        load(3, 1, "5 days");
        service = ServiceProcess.startQuickly(dir, config, log, "256m");
        awaitDelivered(9, log);
        // a run of each activation that starts after its ninth event arrived, and ends: the later runs find nothing
        // more
        Map<String, Long> lastRuns = new HashMap<>();
        KINDS.forEach(k -> lastRuns.put(activation(k), ServiceProcess.latestRun(activation(k))));
        Map<String, Long> laterRuns = new HashMap<>();
        for (CursorKind k : KINDS) {
            String a = activation(k);
            laterRuns.put(
                    a, ServiceProcess.awaitLaterRunEnded(service, log, a, lastRuns.get(a), Duration.ofMinutes(1)));
        }

        Map<String, Integer> times = new HashMap<>();
        pinterest.acceptedIds().forEach(id -> times.merge(id, 1, Integer::sum));
        for (CursorKind k : KINDS) {
            String a = activation(k);
            assertThat(times.keySet().stream().filter(id -> id.startsWith(k.name() + "-")))
                    .as(a)
                    .hasSize(9);
            List<Map<String, Object>> runs = TestDatabase.jdbc()
                    .queryForList(
                            "SELECT status, rows_read, failure FROM conversions.run WHERE activation_id = ? AND id <= ? ORDER BY id",
                            a,
                            laterRuns.get(a));
            assertThat(runs)
                    .as(a + " runs")
                    .allSatisfy(r -> assertThat(r.get("status"))
                            .as(a + ": " + r.get("failure"))
                            .isIn("succeeded", "abandoned"));
            long read = runs.stream()
                    .mapToLong(r -> ((Number) r.get("rows_read")).longValue())
                    .sum();
            assertThat(read)
                    .as(a + ": each row read once, by the runs after it arrived")
                    .isEqualTo(9);
        }
        assertThat(times.values()).as("each event sent once").containsOnly(1);
    }

    private static String activation(CursorKind k) {
        return "cursor-" + k.name();
    }

    /** The n-th load: rows whose events happened {@code age} ago, with the cursor values of that load. */
    private void load(int n, int rows, String age) {
        for (CursorKind k : KINDS) {
            String table = k.name().equals("view") ? "t_view_base" : "t_" + k.name();
            String columns = "order_id, purchased_at, channel, email, amount, currency"
                    + (k.valueOfLoad() == null ? "" : ", cur");
            String cursor =
                    k.valueOfLoad() == null ? "" : ", " + k.valueOfLoad().formatted(n);
            TestDatabase.jdbc().update("""
                    INSERT INTO %s.%s (%s)
                    SELECT '%s-%d-' || g, now() - interval '%s', 'web', 'u' || g || '@example.com', 9.99, 'USD'%s
                    FROM generate_series(1, %d) g""".formatted(schema, table, columns, k.name(), n, age, cursor, rows));
        }
    }

    private void awaitDelivered(int perActivation, Path log) {
        ServiceProcess.awaitAsserted(
                service, log, Duration.ofMinutes(2), perActivation + " events of every activation delivered", () -> {
                    Map<String, Long> delivered = new LinkedHashMap<>();
                    KINDS.forEach(k -> delivered.put(
                            k.name(),
                            pinterest.acceptedIds().stream()
                                    .filter(id -> id.startsWith(k.name() + "-"))
                                    .distinct()
                                    .count()));
                    assertThat(delivered.values()).as(delivered.toString()).allMatch(n -> n >= perActivation);
                });
    }

    private Path writeConfig() throws IOException {
        StringBuilder yml =
                new StringBuilder("""
                spring.quartz.scheduler-name: "it-cursor-%s"
                spring.datasource: {url: "%s", username: "%s", password: "%s"}
                conversions:
                  destinations:
                """.formatted(schema, TestDatabase.URL, TestDatabase.USER, TestDatabase.PASSWORD));
        // one ad account per activation, as a user with several accounts has
        for (CursorKind k : KINDS) {
            yml.append("    pin-%s: {ad-account-id: \"%s\", access-token: \"%s\", base-url: \"%s\"}\n"
                    .formatted(k.name(), TestDatabase.newAdAccount(), TOKEN, pinterest.baseUrl()));
        }
        yml.append("  activations:\n");
        for (CursorKind k : KINDS) {
            yml.append("""
                        %s:
                          destination: pin-%s
                          segment: %s.t_%s
                          event-type: checkout
                          schedule: every 2s
                          cursor: cur
                          mapping: %s
                    """.formatted(activation(k), k.name(), schema, k.name(), PurchaseActivation.mappingYaml()));
        }
        Path config = dir.resolve("cursors.yml");
        Files.writeString(config, yml.toString());
        return config;
    }
}
