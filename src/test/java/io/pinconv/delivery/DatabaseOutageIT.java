package io.pinconv.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinconv.activation.ActivationRunner;
import io.pinconv.ledger.RunSummary;
import io.pinconv.standin.PinterestStandIn;
import io.pinconv.support.PurchaseActivation;
import io.pinconv.support.TestConfig;
import io.pinconv.support.TestDatabase;
import io.pinconv.support.TestDatabase.PurchaseRow;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * PostgreSQL drops the service's connections in the middle of a run (pg_terminate_backend on the
 * test database, the service's sessions only): the run fails with a clear message, the service stays
 * up, and the next run completes the work.
 */
@SpringBootTest(properties = "conversions.demo=false")
@ExtendWith(OutputCaptureExtension.class)
class DatabaseOutageIT {

    static final String TOKEN = "pina_OUTAGE-token-5d5d";
    static final String APP = "pc-outage-it";
    static final PinterestStandIn pinterest = new PinterestStandIn(TOKEN);
    static final String schema = TestDatabase.newPurchaseSegment();

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry p) {
        TestConfig.database(p);
        p.add("spring.datasource.url", () -> TestDatabase.URL + "?ApplicationName=" + APP);
        TestConfig.destination(p, "pin", TestDatabase.newAdAccount(), TOKEN, pinterest.baseUrl());
        PurchaseActivation.configure(p, "outage", "pin", PurchaseActivation.segment(schema));
        p.add("conversions.activations.outage.batch-size", () -> "100");
    }

    @Autowired
    ActivationRunner runner;

    @Autowired
    java.util.List<com.zaxxer.hikari.HikariDataSource> pools;

    @AfterAll
    static void tearDown() {
        pinterest.stop();
        TestDatabase.dropSchema(schema);
        TestDatabase.forget("outage");
    }

    @Test
    void aDatabaseOutageFailsTheRunClearlyAndTheNextRunCompletes(CapturedOutput output) throws InterruptedException {
        TestDatabase.forget("outage");
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS);
        List<PurchaseRow> rows = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            rows.add(PurchaseRow.valid("OUTAGE-" + i, at.minusSeconds(i)));
        }
        TestDatabase.insert(schema, rows);
        // during the fourth request, every connection of the service is cut
        pinterest.onRequest(
                4,
                () -> TestDatabase.jdbc()
                        .queryForList(
                                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ? AND pid <> pg_backend_pid()",
                                APP));

        RunSummary failed = runner.runNow("outage");
        // runs are minutes apart, long enough for the pools to find their cut connections; here the pools
        // are told at once (a connection cut while idle is only found when next tested)
        pools.forEach(pool -> pool.getHikariPoolMXBean().softEvictConnections());
        RunSummary next = runner.runNow("outage");

        assertThat(output.getOut())
                .containsPattern(
                        "Run \\d+ of activation 'outage' failed: the database failed \\(.*(?i)(connection|terminat|I/O)");
        // the failed run is closed in the run history, with the cause a user can act on
        assertThat(failed).as("the failed run's record").isNotNull();
        assertThat(failed.status()).isEqualTo("failed");
        assertThat(failed.failure()).containsPattern("the database failed");
        assertThat(next.status()).isEqualTo("succeeded");
        List<String> ids = pinterest.acceptedIds();
        assertThat(ids.stream().distinct().count()).isEqualTo(1000);
        // at most the requests in flight at the outage: one per chunk side by side (chunks-in-parallel, 2 by default)
        assertThat(ids.size() - 1000)
                .as("only the requests in flight at the outage are sent again")
                .isLessThanOrEqualTo(2 * 100);
        assertThat(TestDatabase.jdbc()
                        .queryForObject(
                                "SELECT count(*) FROM conversions.delivered_event WHERE activation_id = 'outage'",
                                Long.class))
                .isEqualTo(1000);
    }
}
