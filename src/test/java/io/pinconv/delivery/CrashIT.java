package io.pinconv.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinconv.standin.PinterestStandIn;
import io.pinconv.support.PurchaseActivation;
import io.pinconv.support.ServiceProcess;
import io.pinconv.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
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
            // in the middle of this start's run, at two moments in turn: a request in flight (Pinterest has it, the
            // service not yet its answer), and a chunk just recorded in the ledger with the next ones under way
            if (kill % 2 == 0) {
                killWithRequestInFlight(service, log);
            } else {
                killOnceChunksAreRecorded(service, log);
            }
        }
        service = start(config, log);
        ServiceProcess.awaitWhileRunning(
                service, log, Duration.ofMinutes(3), "every event delivered", () -> distinct() >= ROWS);
        // runs never overlap: one that starts after every event arrived, and ends, settled what came before it
        long later = ServiceProcess.awaitLaterRunEnded(
                service, log, "crash", ServiceProcess.latestRun("crash"), Duration.ofMinutes(1));

        List<String> ids = pinterest.acceptedIds();
        Map<String, Integer> times = new HashMap<>();
        ids.forEach(id -> times.merge(id, 1, Integer::sum));
        long resent = ids.size() - times.size();
        Files.copy(log, Path.of("target", "crash-it.log"), StandardCopyOption.REPLACE_EXISTING);
        System.out.printf("CrashIT: %d kills, %d events, %d sent again (in flight at a kill)%n", KILLS, ROWS, resent);

        assertThat(times).hasSize(ROWS);
        // at most the chunks in flight at each kill (conversions.delivery.chunks-in-parallel, 2 by default)
        assertThat(resent)
                .as("only requests in flight at a kill are sent again")
                .isLessThanOrEqualTo((long) KILLS * 2 * BATCH);
        assertThat(TestDatabase.jdbc()
                        .queryForObject(
                                "SELECT count(*) FROM conversions.delivered_event WHERE activation_id = 'crash'",
                                Long.class))
                .isEqualTo(ROWS);
        assertThat(TestDatabase.jdbc()
                        .queryForObject(
                                "SELECT count(*) FROM conversions.run WHERE activation_id = 'crash' AND status = 'abandoned'",
                                Long.class))
                .as("runs cut short are closed as abandoned on restart")
                .isGreaterThanOrEqualTo(1);
        assertThat(TestDatabase.jdbc().queryForMap("SELECT status, delivered FROM conversions.run WHERE id = ?", later))
                .as("a run after every event arrived sends nothing more")
                .containsEntry("status", "succeeded")
                .containsEntry("delivered", 0L);
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
        ServiceProcess.awaitWhileRunning(
                service,
                log,
                Duration.ofMinutes(2),
                "three chunks sent",
                () -> pinterest.acceptedIds().size() >= 3 * BATCH);

        service.destroy(); // SIGTERM
        boolean exited = service.waitFor(60, TimeUnit.SECONDS);

        String output = Files.readString(log);
        assertThat(exited)
                .as("stopped within a minute\n" + output.substring(Math.max(0, output.length() - 3000)))
                .isTrue();
        assertThat(output).contains("the service is shutting down");
        // every request Pinterest answered was recorded: nothing in flight was left unsettled
        assertThat(TestDatabase.jdbc()
                        .queryForObject(
                                "SELECT count(*) FROM conversions.delivered_event WHERE activation_id = 'crash'",
                                Long.class))
                .isEqualTo(pinterest.acceptedIds().stream().distinct().count());
        assertThat(TestDatabase.jdbc()
                        .queryForObject(
                                "SELECT count(*) FROM conversions.run WHERE activation_id = 'crash' AND status = 'abandoned'",
                                Long.class))
                .isEqualTo(1);
    }

    /** SIGKILL from the stand-in itself as the third request of this start arrives, before it is answered. */
    private void killWithRequestInFlight(Process running, Path log) throws InterruptedException {
        int third = pinterest.requests() + 3;
        pinterest.onRequest(third, running::destroyForcibly);
        assertThat(running.waitFor(2, TimeUnit.MINUTES))
                .as("killed at request %d\n%s", third, ServiceProcess.tail(log))
                .isTrue();
        assertThat(pinterest.requests())
                .as("still running until its request %d\n%s", third, ServiceProcess.tail(log))
                .isGreaterThanOrEqualTo(third);
    }

    /** SIGKILL once three more chunks of this start are in the ledger. */
    private void killOnceChunksAreRecorded(Process running, Path log) throws InterruptedException {
        long recorded = ledger();
        ServiceProcess.awaitWhileRunning(
                running,
                log,
                Duration.ofMinutes(2),
                "three more chunks recorded",
                () -> ledger() >= recorded + 3 * BATCH);
        running.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    private static long ledger() {
        return TestDatabase.jdbc()
                .queryForObject(
                        "SELECT count(*) FROM conversions.delivered_event WHERE activation_id = 'crash'", Long.class);
    }

    /** The service's configuration: this test's segment, a random ad account, a firing every 2 s. */
    private Path writeConfig(String name) throws IOException {
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
                      mapping: %s
                """.formatted(
                        schema,
                        TestDatabase.URL,
                        TestDatabase.USER,
                        TestDatabase.PASSWORD,
                        TestDatabase.newAdAccount(),
                        TOKEN,
                        pinterest.baseUrl(),
                        schema,
                        BATCH,
                        PurchaseActivation.mappingYaml()));
        return config;
    }

    private long distinct() {
        return pinterest.acceptedIds().stream().distinct().count();
    }

    private Process start(Path config, Path log) throws Exception {
        return ServiceProcess.startQuickly(dir, config, log, "128m");
    }
}
