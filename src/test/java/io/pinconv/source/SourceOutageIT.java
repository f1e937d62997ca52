package io.pinconv.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinconv.activation.ActivationCatalog;
import io.pinconv.activation.ActivationRoutes;
import io.pinconv.activation.ActivationRunner;
import io.pinconv.activation.WaitingForSourceException;
import io.pinconv.ledger.RunSummary;
import io.pinconv.standin.PinterestStandIn;
import io.pinconv.support.PurchaseActivation;
import io.pinconv.support.TcpProxy;
import io.pinconv.support.TestConfig;
import io.pinconv.support.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A MariaDB source behind a connection that the test cuts and opens again: down when the service starts (its
 * activation waits, scheduled, and the others run), answering later (the activation runs), and cut in the middle of a
 * run (the run fails, the next one resumes, nothing is sent twice). A source refusing its login waits the same way,
 * saying why without the password.
 */
@SpringBootTest(properties = "conversions.demo=false")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SourceOutageIT {

    static final String TOKEN = "pina_TEST-token-outage-7c1d";
    static final PinterestStandIn pinterest = new PinterestStandIn(TOKEN);
    static final String SUFFIX = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    static final String DB = "it_outage_" + SUFFIX;
    static final String WRONG_PASSWORD = "pw-wrong-" + SUFFIX + "-Secret";
    static final int ROWS = 20_000;
    static final TcpProxy proxy = new TcpProxy(3306);

    @Autowired
    ActivationRunner runner;

    @Autowired
    ActivationCatalog catalog;

    @Autowired
    CamelContext camel;

    @Autowired
    @Qualifier("activations")
    HealthIndicator activationsHealth;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry p) throws SQLException {
        TestConfig.database(p);
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", "root", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + DB);
            s.execute("SET time_zone = '+00:00'");
            for (String table : List.of("orders", "steady_orders")) {
                s.execute("CREATE TABLE " + DB + "." + table + " (order_id VARCHAR(40), purchased_at TIMESTAMP NULL,"
                        + " channel VARCHAR(10), email VARCHAR(100), amount DECIMAL(10, 2), currency CHAR(3),"
                        + " agent TEXT)");
            }
            // 20 MB to read (a long user agent each): far more than the sockets' buffers hold, so the stream is still
            // being read when the connection is cut
            s.execute("INSERT INTO " + DB + ".orders SELECT CONCAT('outage-', seq),"
                    + " UTC_TIMESTAMP() - INTERVAL 1 HOUR - INTERVAL (seq MOD 3000) SECOND, 'web',"
                    + " CONCAT('buyer', seq, '@example.com'), 10.00, 'USD', CONCAT(REPEAT('Mozilla/5.0 ', 80), seq)"
                    + " FROM " + DB + ".seq_1_to_" + ROWS);
            s.execute("INSERT INTO " + DB + ".steady_orders SELECT CONCAT('steady-', seq),"
                    + " UTC_TIMESTAMP() - INTERVAL 1 HOUR, 'web', 'ann@example.com', 10.00, 'USD', NULL FROM " + DB
                    + ".seq_1_to_2");
        }
        p.add("conversions.sources.flaky.url", () -> "jdbc:mariadb://127.0.0.1:" + proxy.port() + "/" + DB);
        p.add("conversions.sources.flaky.username", () -> "root");
        p.add("conversions.sources.flaky.fetch-size", () -> "100");
        p.add("conversions.sources.steady.url", () -> "jdbc:mariadb://127.0.0.1:3306/" + DB);
        p.add("conversions.sources.steady.username", () -> "root");
        p.add("conversions.sources.locked.url", () -> "jdbc:mariadb://127.0.0.1:3306/" + DB);
        p.add("conversions.sources.locked.username", () -> "nobody_" + SUFFIX);
        p.add("conversions.sources.locked.password", () -> WRONG_PASSWORD);
        TestConfig.destination(p, "outage", TestDatabase.newAdAccount(), TOKEN, pinterest.baseUrl());
        TestDatabase.forget("outage", "steady", "locked");
        Map<String, String> withAgent = new LinkedHashMap<>(PurchaseActivation.MAPPING);
        withAgent.put("client_user_agent", "agent");
        TestConfig.activation(p, "outage", "outage", "orders", "checkout", TestConfig.NEVER, withAgent);
        p.add("conversions.activations.outage.source", () -> "flaky");
        p.add("conversions.activations.outage.batch-size", () -> "100");
        PurchaseActivation.configure(p, "steady", "outage", "steady_orders");
        p.add("conversions.activations.steady.source", () -> "steady");
        PurchaseActivation.configure(p, "locked", "outage", "orders");
        p.add("conversions.activations.locked.source", () -> "locked");
    }

    @AfterAll
    static void dropIt() throws SQLException {
        proxy.close();
        pinterest.stop();
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", "root", "");
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DB);
        }
    }

    static List<String> sent(String prefix) {
        return pinterest.acceptedIds().stream()
                .filter(id -> id.startsWith(prefix + "-"))
                .toList();
    }

    @Test
    @Order(1)
    void aSourceDownAtStartLeavesItsActivationsWaitingScheduledAndTheOthersRun() {
        assertThat(catalog.waiting()).containsOnlyKeys("outage", "locked");
        assertThat(catalog.waiting().get("outage"))
                .startsWith("source 'flaky' does not answer (")
                .contains("asked again at each run");
        assertThat(catalog.problems()).isEmpty();
        // scheduled: its firings come, and run it once the source answers
        assertThat(camel.getRoute(ActivationRoutes.routeId("outage"))).isNotNull();

        Health health = activationsHealth.health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("outage").toString()).contains("waiting-for-source", "flaky");

        RunSummary steady = runner.runNow("steady");
        assertThat(steady.status()).isEqualTo("succeeded");
        assertThat(sent("steady")).containsExactlyInAnyOrder("steady-1", "steady-2");

        assertThatThrownBy(() -> runner.runNow("outage"))
                .isInstanceOf(WaitingForSourceException.class)
                .hasMessageContaining("activation 'outage' is waiting for source 'flaky'");
    }

    @Test
    @Order(2)
    void aSourceRefusingTheLoginWaitsAndSaysWhyWithoutThePassword() {
        assertThat(catalog.waiting().get("locked"))
                .startsWith("source 'locked' does not answer (")
                .contains("Access denied")
                .doesNotContain(WRONG_PASSWORD);
    }

    @Test
    @Order(3)
    void onceTheSourceAnswersItRunsACutMidRunFailsTheRunAndTheNextSendsTheRestOnce() throws InterruptedException {
        proxy.open();
        // the connection breaks while the run is still reading: after the fifth request of its 200
        pinterest.onRequest(pinterest.requests() + 5, proxy::cut);
        RunSummary cut = runOnceTheSourceAnswers();
        assertThat(cut.status()).as(cut.toString()).isEqualTo("failed");
        assertThat(cut.failure()).isNotBlank();
        assertThat(cut.delivered()).isBetween(1L, ROWS - 1L);
        assertThat(catalog.find("outage")).isPresent();

        proxy.open();
        RunSummary next = runner.runNow("outage");
        assertThat(next.status()).as(next.toString()).isEqualTo("succeeded");
        assertThat(cut.delivered() + next.delivered()).isEqualTo(ROWS);
        List<String> sent = sent("outage");
        assertThat(sent).hasSize(ROWS);
        assertThat(new HashSet<>(sent)).hasSize(ROWS);
        assertThat(pinterest.violations()).isEmpty();
    }

    /** The catalog asks a source that did not answer again only every few seconds. */
    RunSummary runOnceTheSourceAnswers() throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            try {
                return runner.runNow("outage");
            } catch (WaitingForSourceException e) {
                if (Instant.now().isAfter(until)) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }
}
