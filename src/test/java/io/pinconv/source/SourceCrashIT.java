package io.pinconv.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinconv.standin.PinterestStandIn;
import io.pinconv.support.PurchaseActivation;
import io.pinconv.support.ServiceProcess;
import io.pinconv.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service reading a MariaDB segment past a number cursor, killed with SIGKILL in the middle of runs
 * and started again: every row reaches Pinterest, only requests in flight at a kill are sent again, and the runs
 * after the last row was sent send nothing.
 */
class SourceCrashIT {

    static final String TOKEN = "pina_SOURCE-CRASH-token-19bd";
    static final int ROWS = 10_000;
    static final int BATCH = 500;
    static final int KILLS = 3;
    static final String DB =
            "it_crash_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);

    @TempDir
    Path dir;

    PinterestStandIn pinterest = new PinterestStandIn(TOKEN, false);
    Process service;

    @AfterEach
    void tearDown() throws Exception {
        if (service != null && service.isAlive()) {
            service.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        pinterest.stop();
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", "root", "");
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DB);
        }
        TestDatabase.forget("source-crash");
    }

    @Test
    void killedMidRunOverAMariadbSourceItLosesNothingAndResendsOnlyWhatWasInFlight() throws Exception {
        TestDatabase.forget("source-crash");
        seed();
        // each answer takes 120 ms: a run lasts a few seconds, long enough to be killed in the middle
        pinterest.delayEvery(120);
        Path config = dir.resolve("source-crash.yml");
        Files.writeString(config, """
                spring.quartz.scheduler-name: "it-source-crash-%s"
                spring.datasource: {url: "%s", username: "%s", password: "%s"}
                conversions:
                  sources:
                    shop: {url: "jdbc:mariadb://127.0.0.1:3306/%s", username: root}
                  destinations:
                    pin: {ad-account-id: "%s", access-token: "%s", base-url: "%s"}
                  activations:
                    source-crash:
                      source: shop
                      destination: pin
                      segment: orders
                      cursor: id
                      event-type: checkout
                      schedule: "0/2 * * * * ?"
                      batch-size: %d
                      mapping: %s
                """.formatted(
                        DB,
                        TestDatabase.URL,
                        TestDatabase.USER,
                        TestDatabase.PASSWORD,
                        DB,
                        TestDatabase.newAdAccount(),
                        TOKEN,
                        pinterest.baseUrl(),
                        BATCH,
                        PurchaseActivation.mappingYaml()));
        Path log = dir.resolve("service.log");

        for (int kill = 0; kill < KILLS; kill++) {
            service = ServiceProcess.startQuickly(dir, config, log, "128m");
            int third = pinterest.requests() + 3;
            Process running = service;
            pinterest.onRequest(third, running::destroyForcibly);
            assertThat(running.waitFor(2, TimeUnit.MINUTES))
                    .as("killed at request %d\n%s", third, ServiceProcess.tail(log))
                    .isTrue();
        }
        service = ServiceProcess.startQuickly(dir, config, log, "128m");
        ServiceProcess.awaitWhileRunning(
                service, log, Duration.ofMinutes(3), "every event delivered", () -> distinct() >= ROWS);
        long later = ServiceProcess.awaitLaterRunEnded(
                service, log, "source-crash", ServiceProcess.latestRun("source-crash"), Duration.ofMinutes(1));

        List<String> ids = pinterest.acceptedIds();
        Map<String, Integer> times = new HashMap<>();
        ids.forEach(id -> times.merge(id, 1, Integer::sum));
        assertThat(times).hasSize(ROWS);
        assertThat(ids.size() - times.size())
                .as("only requests in flight at a kill are sent again")
                .isLessThanOrEqualTo(KILLS * 2 * BATCH);
        assertThat(TestDatabase.jdbc()
                        .queryForObject(
                                "SELECT count(*) FROM conversions.delivered_event WHERE activation_id = 'source-crash'",
                                Long.class))
                .isEqualTo(ROWS);
        assertThat(TestDatabase.jdbc().queryForMap("SELECT status, delivered FROM conversions.run WHERE id = ?", later))
                .as("a run after every event arrived sends nothing more")
                .containsEntry("status", "succeeded")
                .containsEntry("delivered", 0L);
        assertThat(Files.readString(log)).doesNotContain(TOKEN).doesNotContain("@example.com");
    }

    /** The purchase segment's columns, and an increasing id for the cursor. */
    static void seed() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", "root", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + DB);
            s.execute("SET time_zone = '+00:00'");
            s.execute("CREATE TABLE " + DB + ".orders (id BIGINT AUTO_INCREMENT PRIMARY KEY, order_id VARCHAR(40),"
                    + " purchased_at TIMESTAMP NULL, channel VARCHAR(10), email VARCHAR(100), amount DECIMAL(10, 2),"
                    + " currency CHAR(3))");
            s.execute("INSERT INTO " + DB + ".orders (order_id, purchased_at, channel, email, amount, currency)"
                    + " SELECT CONCAT('SCRASH-', seq), UTC_TIMESTAMP() - INTERVAL (seq MOD 3000) MINUTE, 'web',"
                    + " CONCAT('buyer', seq, '@example.com'), 10 + seq MOD 90, 'EUR' FROM " + DB + ".seq_1_to_" + ROWS
                    + " ORDER BY seq");
        }
    }

    private long distinct() {
        return pinterest.acceptedIds().stream().distinct().count();
    }
}
