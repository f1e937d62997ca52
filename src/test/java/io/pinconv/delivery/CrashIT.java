package io.pinconv.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinconv.standin.PinterestStandIn;
import io.pinconv.support.ServiceProcess;
import io.pinconv.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service, in its own process, killed with SIGKILL five times in the middle of runs and
 * started again each time: every event reaches Pinterest, and only requests in flight at a kill are
 * sent again (with the same event ids).
 */
class CrashIT {

    static final String TOKEN = "pina_CRASH-token-77aa";
    static final int ROWS = 20_000;
    static final int BATCH = 500;
    static final int KILLS = 5;

    @TempDir
    Path dir;

    PinterestStandIn pinterest = new PinterestStandIn(TOKEN, false);
    String schema = TestDatabase.newPurchaseSegment();
    Process service;

    @AfterEach
    void tearDown() throws Exception {
        if (service != null && service.isAlive()) {
            service.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        pinterest.stop();
        TestDatabase.dropSchema(schema);
        TestDatabase.forget("crash");
    }

    @Test
    void killedFiveTimesMidRunItLosesNothingAndResendsOnlyWhatWasInFlight() throws Exception {
        TestDatabase.forget("crash");
        TestDatabase.jdbc().update("""
                INSERT INTO %s.purchase_events
                SELECT 'CRASH-' || g, now() - (g %% 3000) * interval '1 minute', 'web', 'buyer' || g || '@example.com',
                       NULL, NULL, NULL, NULL, NULL, NULL, 10 + g %% 90, 'EUR'
                FROM generate_series(1, %d) g""".formatted(schema, ROWS));
        // each answer takes 120 ms: a run lasts about 5 s, long enough to be killed in the middle
        pinterest.delayEvery(120);
        Path config = writeConfig("crash.yml");
        Path log = dir.resolve("service.log");

        for (int kill = 0; kill < KILLS; kill++) {
            service = start(config, log);
            int before = pinterest.acceptedIds().size();
            // kill once this start has delivered a few chunks, in the middle of its run
            awaitUntil(() -> pinterest.acceptedIds().size() >= before + 3 * BATCH || !service.isAlive(), Duration.ofMinutes(2));
            assertThat(service.isAlive()).as("still running before kill %d", kill + 1).isTrue();
            Thread.sleep(50L * kill);
            service.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        service = start(config, log);
        awaitUntil(() -> distinct() >= ROWS, Duration.ofMinutes(3));
        Thread.sleep(3000); // a later run must send nothing more

        List<String> ids = pinterest.acceptedIds();
        Map<String, Integer> times = new HashMap<>();
        ids.forEach(id -> times.merge(id, 1, Integer::sum));
        long resent = ids.size() - times.size();
        Files.copy(log, Path.of("target", "crash-it.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        System.out.printf("CrashIT: %d kills, %d events, %d sent again (in flight at a kill)%n", KILLS, ROWS, resent);

        assertThat(times).hasSize(ROWS);
        // at most the chunks in flight at each kill (conversions.delivery.chunks-in-parallel, 2 by default)
        assertThat(resent).as("only requests in flight at a kill are sent again").isLessThanOrEqualTo((long) KILLS * 2 * BATCH);
        assertThat(TestDatabase.jdbc().queryForObject(
                "SELECT count(*) FROM conversions.delivered_event WHERE activation_id = 'crash'", Long.class)).isEqualTo(ROWS);
        assertThat(TestDatabase.jdbc().queryForObject(
                "SELECT count(*) FROM conversions.run WHERE activation_id = 'crash' AND status = 'abandoned'", Long.class))
                .as("runs cut short are closed as abandoned on restart").isGreaterThanOrEqualTo(1);
        assertThat(Files.readString(log)).doesNotContain(TOKEN).doesNotContain("@example.com");
    }

    @Test
    void onSigtermTheChunkInFlightIsFinishedAndTheRunStopsCleanly() throws Exception {
        TestDatabase.forget("crash");
        TestDatabase.jdbc().update("""
                INSERT INTO %s.purchase_events
                SELECT 'TERM-' || g, now() - (g %% 3000) * interval '1 minute', 'web', 'buyer' || g || '@example.com',
                       NULL, NULL, NULL, NULL, NULL, NULL, 10 + g %% 90, 'EUR'
                FROM generate_series(1, 10000) g""".formatted(schema));
        pinterest.delayEvery(300);
        Path config = writeConfig("term.yml");
        Path log = dir.resolve("term.log");
        service = start(config, log);
        awaitUntil(() -> pinterest.acceptedIds().size() >= 3 * BATCH || !service.isAlive(), Duration.ofMinutes(2));

        service.destroy(); // SIGTERM
        boolean exited = service.waitFor(60, TimeUnit.SECONDS);

        String output = Files.readString(log);
        assertThat(exited).as("stopped within a minute\n" + output.substring(Math.max(0, output.length() - 3000))).isTrue();
        assertThat(output).contains("the service is shutting down");
        // every request Pinterest answered was recorded: nothing in flight was left unsettled
        assertThat(TestDatabase.jdbc().queryForObject(
                "SELECT count(*) FROM conversions.delivered_event WHERE activation_id = 'crash'", Long.class))
                .isEqualTo(pinterest.acceptedIds().stream().distinct().count());
        assertThat(TestDatabase.jdbc().queryForObject(
                "SELECT count(*) FROM conversions.run WHERE activation_id = 'crash' AND status = 'abandoned'", Long.class))
                .isEqualTo(1);
    }

    /** The service's configuration: this test's segment, a random ad account, a firing every 2 s. */
    private Path writeConfig(String name) throws java.io.IOException {
        Path config = dir.resolve(name);
        Files.writeString(config, """
                spring.quartz.scheduler-name: "it-crash-%s"
                spring.datasource: {url: "%s", username: "%s", password: "%s"}
                conversions:
                  destinations:
                    pin: {ad-account-id: "%s", access-token: "%s", base-url: "%s"}
                  activations:
                    crash:
                      destination: pin
                      segment: %s.purchase_events
                      event-type: checkout
                      schedule: "0/2 * * * * ?"
                      batch-size: %d
                      mapping: {event_time: purchased_at, action_source: channel, event_id: order_id, email: email,
                                value: amount, currency: currency}
                """.formatted(schema, TestDatabase.URL, TestDatabase.USER, TestDatabase.PASSWORD, TestDatabase.newAdAccount(), TOKEN,
                pinterest.baseUrl(), schema, BATCH));
        return config;
    }

    private long distinct() {
        return pinterest.acceptedIds().stream().distinct().count();
    }

    private Process start(Path config, Path log) throws Exception {
        return ServiceProcess.start(dir, config, log, "128m");
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
        ServiceProcess.awaitUntil(condition, timeout);
    }
}
