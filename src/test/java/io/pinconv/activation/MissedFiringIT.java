package io.pinconv.activation;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinconv.standin.PinterestStandIn;
import io.pinconv.support.ServiceProcess;
import io.pinconv.support.TestDatabase;
import io.pinconv.support.TestDatabase.PurchaseRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service stopped across a scheduled firing runs it once when it starts again: the packaged service is
 * scheduled to run once, at a given second, is stopped before it, and started again after it.
 */
class MissedFiringIT {

    static final String TOKEN = "pina_MISSED-firing";
    static final String ACTIVATION = "missed";

    @TempDir
    Path dir;

    final PinterestStandIn pinterest = new PinterestStandIn(TOKEN);
    final String schema = TestDatabase.newPurchaseSegment();
    Process service;

    @AfterEach
    void tearDown() throws Exception {
        Path log = dir.resolve("service.log");
        if (Files.exists(log)) {
            Files.copy(log, Path.of("target", "missed-firing.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        if (service != null && service.isAlive()) {
            service.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        pinterest.stop();
        TestDatabase.dropSchema(schema);
        TestDatabase.forget(ACTIVATION);
    }

    boolean started() {
        try {
            return Files.readString(dir.resolve("service.log")).contains("Started Application");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    int runs() {
        return TestDatabase.jdbc()
                .queryForObject(
                        "SELECT count(*) FROM conversions.run WHERE activation_id = ?", Integer.class, ACTIVATION);
    }

    @Test
    void aFiringMissedWhileTheServiceWasDownRunsOnceAtStart() throws Exception {
        TestDatabase.forget(ACTIVATION);
        // before the firing's time is chosen: the first quick start of a test JVM makes what it needs
        ServiceProcess.prepareQuickly();
        String order = "MF-1";
        TestDatabase.insert(
                schema, List.of(PurchaseRow.valid(order, Instant.now().minus(1, ChronoUnit.HOURS))));
        // hourly, at a second far enough ahead for the first start: the next firing after it is an hour away
        ZonedDateTime at =
                ZonedDateTime.now(ZoneId.systemDefault()).plusSeconds(75).truncatedTo(ChronoUnit.SECONDS);
        String cron = "%d %d * * * ?".formatted(at.getSecond(), at.getMinute());
        Path config = dir.resolve("missed.yml");
        Files.writeString(config, """
                spring.quartz.scheduler-name: "it-missed-%s"
                spring.datasource: {url: "%s", username: "%s", password: "%s"}
                conversions:
                  destinations:
                    pin: {ad-account-id: "%s", access-token: "%s", base-url: "%s"}
                  activations:
                    %s:
                      destination: pin
                      segment: %s.purchase_events
                      event-type: checkout
                      schedule: "%s"
                      mapping: {event_time: purchased_at, action_source: channel, event_id: order_id, email: email,
                                value: amount, currency: currency}
                """.formatted(
                        Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36),
                        TestDatabase.URL,
                        TestDatabase.USER,
                        TestDatabase.PASSWORD,
                        TestDatabase.newAdAccount(),
                        TOKEN,
                        pinterest.baseUrl(),
                        ACTIVATION,
                        schema,
                        cron));

        // the schedule is stored, then the service stops before its firing
        service = ServiceProcess.startQuickly(dir, config, dir.resolve("service.log"), "128m");
        ServiceProcess.awaitStarted(service, dir.resolve("service.log"));
        assertThat(started()).as("the service started").isTrue();
        service.destroy();
        assertThat(service.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(Instant.now())
                .as("stopped before the firing (the first start took too long)")
                .isBefore(at.toInstant());
        assertThat(runs()).isZero();

        // the firing passes while it is down; started again, it runs the missed firing once, as a catch-up
        // (later than Firings.LATE after its time, whatever the restart's own speed)
        while (Instant.now().isBefore(at.toInstant().plusSeconds(11))) {
            Thread.sleep(200);
        }
        Files.writeString(dir.resolve("service.log"), "");
        service = ServiceProcess.startQuickly(dir, config, dir.resolve("service.log"), "128m");
        ServiceProcess.awaitWhileRunning(
                service,
                dir.resolve("service.log"),
                Duration.ofMinutes(2),
                "the missed firing's event arrived",
                () -> pinterest.acceptedIds().contains(order));
        assertThat(pinterest.acceptedIds())
                .as("the missed firing ran after the restart")
                .contains(order);
        ServiceProcess.awaitWhileRunning(
                service,
                dir.resolve("service.log"),
                Duration.ofSeconds(30),
                "the missed firing's run succeeded",
                () -> TestDatabase.jdbc()
                                .queryForObject(
                                        "SELECT count(*) FROM conversions.run WHERE activation_id = ? AND status = 'succeeded'",
                                        Integer.class,
                                        ACTIVATION)
                        == 1);
        assertThat(runs()).as("once, not once per missed firing").isEqualTo(1);
        assertThat(TestDatabase.jdbc()
                        .queryForObject(
                                "SELECT started_by FROM conversions.run WHERE activation_id = ?",
                                String.class,
                                ACTIVATION))
                .as("the run record says it was a catch-up")
                .isEqualTo("catch-up");
    }
}
