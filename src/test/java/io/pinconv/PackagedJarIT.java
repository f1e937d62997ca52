package io.pinconv;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinconv.standin.PinterestStandIn;
import io.pinconv.support.ServiceProcess;
import io.pinconv.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar, as a user runs it: its own process, started from another directory with an
 * external config file, a 64 MB heap, on its Quartz schedule, against PostgreSQL and the stand-in.
 * The segment holds 200,000 rows, several times what the heap could hold as a list.
 */
class PackagedJarIT {

    static final String TOKEN = "pina_JAR-token-4e8f0c1d";
    static final int ROWS = Integer.getInteger("jar.rows", 200_000);

    @TempDir
    Path dir;

    PinterestStandIn pinterest;
    String schema;
    Process service;

    @BeforeEach
    void setUp() {
        pinterest = new PinterestStandIn(TOKEN, false);
        schema = TestDatabase.newPurchaseSegment();
        // every 1000th row is 9 days old (held back); user agents are long, as real ones are
        TestDatabase.jdbc().update("""
                INSERT INTO %s.purchase_events
                SELECT 'JAR-' || g,
                       CASE WHEN g %% 1000 = 0 THEN now() - interval '9 days' ELSE now() - (g %% 5000) * interval '1 minute' END,
                       CASE WHEN g %% 3 = 0 THEN 'offline' ELSE 'web' END,
                       'User.' || g || '@Example.com', '+1 415 555 ' || lpad((g %% 10000)::text, 4, '0'),
                       'First' || g, 'Last' || g, 'US', '203.0.113.' || (g %% 250),
                       repeat('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 ', 8) || g,
                       (g %% 500) + 0.99, 'usd'
                FROM generate_series(1, %d) g""".formatted(schema, ROWS));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (service != null && service.isAlive()) {
            service.destroy();
            service.waitFor(30, TimeUnit.SECONDS);
        }
        pinterest.stop();
        TestDatabase.dropSchema(schema);
    }

    @Test
    void theJarDeliversEveryValidRowOnceWithFlatMemoryAndLogsNoSecret() throws Exception {
        String account = TestDatabase.newAdAccount();
        Path config = dir.resolve("conversions.yml");
        Files.writeString(config, """
                spring.quartz.scheduler-name: it-jar-%s
                spring.datasource:
                  url: %s
                  username: %s
                  password: "%s"
                conversions:
                  destinations:
                    pinterest-main:
                      ad-account-id: "%s"
                      access-token: ${PINTEREST_ACCESS_TOKEN}
                      base-url: %s
                  activations:
                    purchases:
                      destination: pinterest-main
                      segment: %s.purchase_events
                      event-type: checkout
                      schedule: "0/5 * * * * ?"
                      mapping:
                        event_time: purchased_at
                        action_source: channel
                        event_id: order_id
                        email: email
                        phone: phone
                        first_name: first_name
                        last_name: last_name
                        country: country
                        client_ip_address: ip
                        client_user_agent: user_agent
                        value: amount
                        currency: currency
                        order_id: order_id
                """.formatted(
                        schema,
                        TestDatabase.URL,
                        TestDatabase.USER,
                        TestDatabase.PASSWORD,
                        account,
                        pinterest.baseUrl(),
                        schema));
        Path log = dir.resolve("service.log");
        service = ServiceProcess.start(
                dir, config, log, "64m", Map.of("PINTEREST_ACCESS_TOKEN", TOKEN), "--conversions.progress-interval=3s");

        int expected = ROWS - ROWS / 1000;
        ServiceProcess.awaitWhileRunning(
                service,
                log,
                Duration.ofMinutes(6),
                "every valid row delivered",
                () -> pinterest.acceptedIds().size() >= expected);
        // the schedule fires again: a run that starts once every row arrived, and ends, must send nothing
        long later = ServiceProcess.awaitLaterRunEnded(
                service, log, "purchases", ServiceProcess.latestRun("purchases"), Duration.ofMinutes(1));
        ServiceProcess.awaitWhileRunning(
                service,
                log,
                Duration.ofSeconds(30),
                "run " + later + " logged its summary",
                () -> ServiceProcess.read(log).contains("Run " + later + " of activation 'purchases' succeeded"));
        String output = Files.readString(log);
        Files.copy(log, Path.of("target", "packaged-jar-it.log"), StandardCopyOption.REPLACE_EXISTING);

        assertThat(service.isAlive())
                .as("service still running (no OutOfMemoryError)\n" + tail(output))
                .isTrue();
        assertThat(pinterest.violations()).isEmpty();
        List<String> ids = pinterest.acceptedIds();
        assertThat(ids).hasSize(expected);
        assertThat(new HashSet<>(ids)).hasSize(expected);
        assertThat(ids).noneMatch(id -> Integer.parseInt(id.substring(4)) % 1000 == 0);
        assertThat(pinterest.batchSizes()).allMatch(n -> n >= 1 && n <= 1000);
        assertThat(output).contains("rejected " + ROWS / 1000);
        assertThat(TestDatabase.jdbc()
                        .queryForObject("SELECT delivered FROM conversions.run WHERE id = ?", Long.class, later))
                .as("a later run sends nothing")
                .isZero();
        assertThat(output)
                .containsPattern("Run " + later + " of activation 'purchases' succeeded: read \\d+, delivered 0,");
        assertThat(output)
                .as("a long run reports its progress")
                .containsPattern("Run \\d+ of activation 'purchases' in progress: read \\d+");
        assertThat(output).doesNotContain(TOKEN).doesNotContainIgnoringCase("@example.com");
    }

    private static String tail(String s) {
        return s.length() < 4000 ? s : s.substring(s.length() - 4000);
    }
}
