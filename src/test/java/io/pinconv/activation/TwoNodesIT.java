package io.pinconv.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pinconv.standin.PinterestStandIn;
import io.pinconv.support.PurchaseActivation;
import io.pinconv.support.ServiceProcess;
import io.pinconv.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of the packaged service on one database and one Pinterest: each firing runs on one of
 * them, runs of an activation never overlap, one instance stops mid-way and the other carries on,
 * and every event arrives exactly once.
 */
class TwoNodesIT {

    static final String TOKEN = "pina_TWO-nodes-9e9e";

    @TempDir
    Path dir;

    PinterestStandIn pinterest = new PinterestStandIn(TOKEN, false);
    String schema = TestDatabase.newPurchaseSegment();
    Process a;
    Process b;

    @AfterEach
    void tearDown() throws Exception {
        for (String node : new String[] {"node-a", "node-b"}) {
            if (Files.exists(log(node))) {
                Files.copy(
                        log(node),
                        Path.of("target", "two-nodes-" + node + ".log"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        }
        for (Process p : new Process[] {a, b}) {
            if (p != null && p.isAlive()) {
                p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
        pinterest.stop();
        TestDatabase.dropSchema(schema);
        TestDatabase.forget("shared");
    }

    @Test
    void twoInstancesShareTheScheduleAndEveryEventArrivesOnce() throws Exception {
        TestDatabase.forget("shared");
        TestDatabase.jdbc()
                .execute("ALTER TABLE " + schema + ".purchase_events ADD COLUMN loaded_at timestamptz DEFAULT now()");
        pinterest.delayEvery(60);
        Path config = dir.resolve("shared.yml");
        Files.writeString(config, """
                spring.quartz.scheduler-name: "it-two-%s"
                spring.datasource: {url: "%s", username: "%s", password: "%s"}
                conversions:
                  destinations:
                    pin: {ad-account-id: "%s", access-token: "%s", base-url: "%s"}
                  activations:
                    shared:
                      destination: pin
                      segment: %s.purchase_events
                      event-type: checkout
                      schedule: every 2s
                      batch-size: 200
                      cursor: loaded_at
                      mapping: %s
                """.formatted(
                        Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36),
                        TestDatabase.URL,
                        TestDatabase.USER,
                        TestDatabase.PASSWORD,
                        TestDatabase.newAdAccount(),
                        TOKEN,
                        pinterest.baseUrl(),
                        schema,
                        PurchaseActivation.mappingYaml()));
        a = start(config, "node-a");
        b = start(config, "node-b");
        ServiceProcess.awaitStarted(a, log("node-a"));
        ServiceProcess.awaitStarted(b, log("node-b"));

        // rows keep arriving while the two instances run: each wave once the one before it was delivered
        int total = 0;
        String stopped = null;
        Instant stoppedAt = null;
        for (int wave = 0; wave < 6; wave++) {
            insert("W" + wave + "-", 2000);
            total += 2000;
            awaitDelivered(total);
            if (wave == 2) {
                // the instance that ran last leaves mid-way (SIGTERM); the other must carry on
                stopped = TestDatabase.jdbc()
                        .queryForObject(
                                "SELECT node FROM conversions.run WHERE activation_id = 'shared' ORDER BY started_at DESC LIMIT 1",
                                String.class);
                Process leaving = "node-a".equals(stopped) ? a : b;
                leaving.destroy();
                assertThat(leaving.waitFor(60, TimeUnit.SECONDS)).isTrue();
                stoppedAt = Instant.now();
            }
        }
        int expected = total;
        String survivor = "node-a".equals(stopped) ? "node-b" : "node-a";
        Process staying = "node-a".equals(stopped) ? b : a;
        // runs never overlap: one that starts after the last wave was delivered, and ends, settled everything before it
        ServiceProcess.awaitLaterRunEnded(
                staying, log(survivor), "shared", ServiceProcess.latestRun("shared"), Duration.ofMinutes(1));

        List<String> ids = pinterest.acceptedIds();
        assertThat(ids).hasSize(expected).doesNotHaveDuplicates();
        List<Map<String, Object>> runs = TestDatabase.jdbc()
                .queryForList(
                        "SELECT node, started_at, finished_at FROM conversions.run WHERE activation_id = 'shared' ORDER BY started_at");
        Instant leftAt = stoppedAt;
        assertThat(runs)
                .as("the surviving instance takes the firings over")
                .anyMatch(r -> survivor.equals(r.get("node"))
                        && ((Timestamp) r.get("started_at")).toInstant().isAfter(leftAt));
        for (int i = 1; i < runs.size(); i++) {
            Timestamp previousEnd = (Timestamp) runs.get(i - 1).get("finished_at");
            Timestamp start = (Timestamp) runs.get(i).get("started_at");
            assertThat(previousEnd).as("runs of one activation never overlap").isNotNull();
            assertThat(start.toInstant())
                    .isAfterOrEqualTo(previousEnd.toInstant().minusMillis(5));
        }
    }

    private Path log(String node) {
        return dir.resolve(node + ".log");
    }

    /** Waits until {@code n} distinct events arrived, as long as an instance runs to send them. */
    private void awaitDelivered(int n) {
        await(n + " events delivered")
                .atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(200))
                .failFast("no instance left running", () -> Stream.of(a, b).noneMatch(Process::isAlive))
                .until(() -> pinterest.acceptedIds().stream().distinct().count() >= n);
    }

    private void insert(String prefix, int n) {
        TestDatabase.jdbc().update("""
                INSERT INTO %s.purchase_events (order_id, purchased_at, channel, email, amount, currency, loaded_at)
                SELECT '%s' || g, now() - interval '1 hour', 'web', 'u' || g || '@example.com', 5, 'USD', clock_timestamp()
                FROM generate_series(1, %d) g""".formatted(schema, prefix, n));
    }

    private Process start(Path config, String node) throws Exception {
        return ServiceProcess.startQuickly(dir, config, log(node), "128m", "--conversions.node-name=" + node);
    }
}
