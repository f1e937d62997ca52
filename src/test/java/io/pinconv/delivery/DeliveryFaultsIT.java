package io.pinconv.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pinconv.activation.ActivationRunner;
import io.pinconv.ledger.RunSummary;
import io.pinconv.standin.PinterestStandIn;
import io.pinconv.support.PurchaseActivation;
import io.pinconv.support.TestConfig;
import io.pinconv.support.TestDatabase;
import io.pinconv.support.TestDatabase.PurchaseRow;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Pinterest failing in every way it can, over real HTTP: nothing is lost, nothing is sent twice. */
@SpringBootTest(
        properties = {
            "conversions.demo=false",
            "conversions.delivery.refused-token-cooldown=PT10M",
            "conversions.delivery.breaker-open-for=PT1S",
            "camel.component.http.response-timeout=1500",
            "camel.component.http.so-timeout=1500"
        })
@org.springframework.context.annotation.Import(io.pinconv.support.AdjustableClock.Config.class)
class DeliveryFaultsIT {

    static final String TOKEN = "pina_FAULTS-token-1a2b";
    static final PinterestStandIn pinterest = new PinterestStandIn(TOKEN);
    static final String schema = TestDatabase.newPurchaseSegment();
    static final String account = TestDatabase.newAdAccount();
    /** Where alerts are posted, as to a Slack webhook. */
    static final com.github.tomakehurst.wiremock.WireMockServer hook = startHook();

    static com.github.tomakehurst.wiremock.WireMockServer startHook() {
        var server = new com.github.tomakehurst.wiremock.WireMockServer(
                com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig()
                        .dynamicPort());
        server.start();
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/hook")
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.ok()));
        return server;
    }

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry p) {
        TestConfig.database(p);
        TestConfig.destination(p, "pin", account, TOKEN, pinterest.baseUrl());
        p.add("conversions.destinations.pin.alert-webhook", () -> "http://localhost:" + hook.port() + "/hook");
        PurchaseActivation.configure(p, "faults", "pin", PurchaseActivation.segment(schema));
        // the same segment in requests of 100 events, for many requests to fail at random
        PurchaseActivation.configure(p, "chaos", "pin", PurchaseActivation.segment(schema));
        p.add("conversions.activations.chaos.batch-size", () -> "100");
    }

    @Autowired
    ActivationRunner runner;

    @Autowired
    io.pinconv.support.AdjustableClock clock;

    @Autowired
    DestinationBreakers breakers;

    @Autowired
    io.pinconv.ledger.Runs runs;

    @Autowired
    io.pinconv.health.DestinationsHealth destinationsHealth;

    @BeforeEach
    void clean() {
        breakers.reset("pin");
        TestDatabase.forget("faults", "chaos");
        TestDatabase.jdbc().execute("TRUNCATE " + schema + ".purchase_events");
        TestDatabase.jdbc().update("DELETE FROM conversions.destination_state WHERE destination_id = 'pin'");
        // the destination's alert conditions go with its state: each test starts with none in force
        TestDatabase.jdbc()
                .update("DELETE FROM conversions.alert_open WHERE scope = 'destination' AND owner_id = 'pin'");
        pinterest.reset();
        hook.resetRequests();
    }

    static long alertsPosted(String kind) {
        return hook.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getBodyAsString().contains("\"alert\":\"" + kind + "\""))
                .count();
    }

    static long alertsPosted(String kind, String state) {
        return hook.getAllServeEvents().stream()
                .map(e -> e.getRequest().getBodyAsString())
                .filter(b -> b.contains("\"alert\":\"" + kind + "\"") && b.contains("\"state\":\"" + state + "\""))
                .count();
    }

    @AfterAll
    static void tearDown() {
        hook.stop();
        pinterest.stop();
        TestDatabase.dropSchema(schema);
    }

    static List<String> rows(String prefix, int n) {
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS);
        List<PurchaseRow> rows = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(PurchaseRow.valid(prefix + i, at.minusSeconds(i)));
            ids.add(prefix + i);
        }
        TestDatabase.insert(schema, rows);
        return ids;
    }

    static List<Map<String, Object>> table(String sql, Object... args) {
        return TestDatabase.jdbc().queryForList(sql, args);
    }

    @Test
    void aRequestRefusedAsAWholeIsSplitUntilThePoisonedEventStandsAlone() {
        List<String> ids = rows("POISON-", 40);
        pinterest.poisonEvents(Set.of("POISON-17"));

        RunSummary run = runner.runNow("faults");

        assertThat(run.status()).isEqualTo("succeeded");
        assertThat(pinterest.acceptedIds())
                .hasSize(39)
                .doesNotContain("POISON-17")
                .doesNotHaveDuplicates();
        assertThat(run.delivered()).isEqualTo(39);
        assertThat(run.rejected()).isEqualTo(1);
        assertThat(
                        table(
                                "SELECT reason, message FROM conversions.rejection WHERE activation_id = 'faults' AND event_id = 'POISON-17'"))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.get("reason")).isEqualTo("refused_by_pinterest");
                    assertThat((String) r.get("message")).contains("400").contains("The request was invalid");
                });
        // halving 40 events down to the one: a handful of requests, not one per event
        assertThat(pinterest.requests()).isLessThanOrEqualTo(2 * 6 + 1);
        assertThat(
                        table(
                                "SELECT event_id FROM conversions.delivered_event WHERE activation_id = 'faults' AND event_id LIKE 'POISON-%'"))
                .extracting(r -> (String) r.get("event_id"))
                .containsExactlyInAnyOrderElementsOf(
                        ids.stream().filter(id -> !id.equals("POISON-17")).toList());
    }

    @Test
    void aChunkPinterestRefusesThroughoutCostsABoundedNumberOfRequests() {
        List<String> ids = rows("ALLBAD-", 300);
        pinterest.poisonEvents(Set.copyOf(ids));

        RunSummary run = runner.runNow("faults");

        // halving down to each event would take 599 requests; the chunk stops after its 64 halvings
        assertThat(pinterest.requests()).isLessThanOrEqualTo(1 + 2 * 64);
        assertThat(pinterest.acceptedIds()).isEmpty();
        assertThat(run.status()).isEqualTo("succeeded");
        assertThat(run.rejected()).isEqualTo(300);
        assertThat(
                        table(
                                "SELECT reason FROM conversions.rejection WHERE activation_id = 'faults' AND event_id LIKE 'ALLBAD-%'"))
                .hasSize(300)
                .allSatisfy(r -> assertThat(r.get("reason")).isEqualTo("refused_by_pinterest"));
    }

    @Test
    void aRefusedTokenPausesTheDestinationWithoutRequestsUntilItIsFixed() throws Exception {
        rows("TOKEN-", 3);
        pinterest.acceptToken("pina_some-other-token");

        RunSummary refused = runner.runNow("faults");
        assertThat(refused.status()).isEqualTo("failed");
        assertThat(refused.failure()).contains("401");
        assertThat(pinterest.requests()).isEqualTo(1);
        assertThat(
                        table(
                                "SELECT cause FROM conversions.pending_event WHERE activation_id = 'faults' AND event_id LIKE 'TOKEN-%'"))
                .hasSize(3)
                .allSatisfy(r -> assertThat((String) r.get("cause")).contains("401"));

        assertThat(destinationsHealth.health().getStatus().getCode()).isEqualTo("DOWN");
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(hook.getAllServeEvents())
                        .anySatisfy(e -> assertThat(e.getRequest().getBodyAsString())
                                .contains("\"alert\":\"token_refused\"")
                                .contains("paused")
                                .doesNotContain(TOKEN)));
        assertThat(destinationsHealth.health().getDetails().toString())
                .contains("paused")
                .contains("401")
                .doesNotContain(TOKEN);

        // paused: the next run fails at once, without a request (no retry storm)
        RunSummary paused = runner.runNow("faults");
        assertThat(paused.status()).isEqualTo("failed");
        assertThat(paused.failure()).contains("paused").contains("Fix the token");
        assertThat(pinterest.requests()).isEqualTo(1);
        // the failure was alerted once, when it began: not again at every run while it lasts (counted again below,
        // once the recovery alert of a later run arrived)
        await().atMost(Duration.ofSeconds(5)).until(() -> alertsPosted("run_failed") >= 1);

        // access fixed on Pinterest's side: after the cool-down a run tries again and resumes
        pinterest.acceptToken(TOKEN);
        clock.advance(Duration.ofMinutes(9));
        RunSummary stillPaused = runner.runNow("faults");
        assertThat(stillPaused.failure()).as("within the cool-down").contains("paused");
        assertThat(pinterest.requests()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(2));
        RunSummary resumed = runner.runNow("faults");
        assertThat(resumed.status()).isEqualTo("succeeded");
        assertThat(pinterest.acceptedIds()).containsExactlyInAnyOrder("TOKEN-0", "TOKEN-1", "TOKEN-2");
        assertThat(table("SELECT * FROM conversions.destination_state WHERE destination_id = 'pin'"))
                .isEmpty();
        assertThat(destinationsHealth.health().getStatus().getCode()).isEqualTo("UP");
        assertThat(
                        table(
                                "SELECT * FROM conversions.pending_event WHERE activation_id = 'faults' AND event_id LIKE 'TOKEN-%'"))
                .isEmpty();
        // the all-clear: the run_failed condition ends, said once
        await().atMost(Duration.ofSeconds(5)).until(() -> alertsPosted("run_failed", "cleared") == 1);
        assertThat(alertsPosted("run_failed", "raised")).isEqualTo(1);
    }

    @Test
    void aChangedTokenIsTriedAtOnce() {
        rows("NEWTOKEN-", 1);
        // as if Pinterest had refused a previous token of this destination a moment ago
        TestDatabase.jdbc().update("""
                INSERT INTO conversions.destination_state (destination_id, token_fingerprint, refused_at, status, message)
                VALUES ('pin', 'an-older-token00', now(), 401, 'Authentication failed.')""");

        RunSummary run = runner.runNow("faults");

        assertThat(run.status()).isEqualTo("succeeded");
        assertThat(pinterest.acceptedIds()).containsExactly("NEWTOKEN-0");
    }

    @Test
    void rateLimitedRequestsWaitAsRetryAfterSays() {
        rows("LIMITED-", 2);
        pinterest.faultNext("429:1");

        RunSummary run = runner.runNow("faults");

        assertThat(run.status()).isEqualTo("succeeded");
        assertThat(runs.requestsByStatus(run.id())).containsEntry("429", 1L).containsEntry("200", 1L);
        List<Long> times = pinterest.requestTimes();
        assertThat(times).hasSize(2);
        // the configured back-off here is 10 ms: a wait of a second is Pinterest's Retry-After
        assertThat((times.get(1) - times.get(0)) / 1_000_000).isGreaterThanOrEqualTo(950);
        assertThat(pinterest.acceptedIds()).containsExactlyInAnyOrder("LIMITED-0", "LIMITED-1");
    }

    @Test
    void resetConnectionsAndSlowAnswersAreRetriedAndNothingIsRecordedTwice() {
        List<String> ids = rows("FLAKY-", 5);
        pinterest.faultNext("reset", "slow:3000", "reset");

        RunSummary run = runner.runNow("faults");

        assertThat(run.status()).isEqualTo("succeeded");
        assertThat(pinterest.requests()).isEqualTo(4);
        // the slow answer came after our time-out: Pinterest may have recorded that request, which was
        // sent again with the same event ids (the in-flight share of a failure)
        assertThat(new HashSet<>(pinterest.acceptedIds())).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(
                        table(
                                "SELECT count(*) AS n FROM conversions.delivered_event WHERE activation_id = 'faults' AND event_id LIKE 'FLAKY-%'"))
                .singleElement()
                .satisfies(r -> assertThat(((Number) r.get("n")).intValue()).isEqualTo(5));
    }

    @Test
    void whatFailsEveryRetryIsParkedWithItsCauseAndSentByTheNextRun() {
        rows("PARK-", 3);
        pinterest.answerNext(503, 503, 503, 503, 503);

        RunSummary failed = runner.runNow("faults");
        assertThat(failed.status()).isEqualTo("failed");
        assertThat(
                        table(
                                "SELECT cause, attempts FROM conversions.pending_event WHERE activation_id = 'faults' AND event_id LIKE 'PARK-%'"))
                .hasSize(3)
                .allSatisfy(r -> assertThat((String) r.get("cause")).contains("503"));

        RunSummary next = runner.runNow("faults");
        assertThat(next.status()).isEqualTo("succeeded");
        assertThat(pinterest.acceptedIds()).containsExactlyInAnyOrder("PARK-0", "PARK-1", "PARK-2");
        assertThat(
                        table(
                                "SELECT * FROM conversions.pending_event WHERE activation_id = 'faults' AND event_id LIKE 'PARK-%'"))
                .isEmpty();
    }

    @Test
    void anEventPinterestRefusedIsNotSentAgainUnchangedButIsOnceItsRowChanges() {
        rows("REFUSED-", 2);
        pinterest.refuseEvents(Set.of("REFUSED-1"));
        runner.runNow("faults");
        assertThat(pinterest.requests()).isEqualTo(1);

        RunSummary again = runner.runNow("faults");
        assertThat(pinterest.requests())
                .as("the unchanged refused event is held back")
                .isEqualTo(1);
        assertThat(again.rejected()).isEqualTo(1);

        TestDatabase.jdbc()
                .update("UPDATE " + schema + ".purchase_events SET amount = 25 WHERE order_id = 'REFUSED-1'");
        pinterest.reset();
        runner.runNow("faults");
        assertThat(pinterest.acceptedIds()).containsExactly("REFUSED-1");
    }

    /** Moves the open breaker on as breaker-open-for would, at once. */
    void halfOpen() {
        breakers.find("pin").orElseThrow().transitionToHalfOpenState();
    }

    @Test
    void tokensRefusedWhileTheBreakerIsHalfOpenDoNotWedgeIt() {
        rows("HALF-", 1);
        pinterest.answerNext(503, 503, 503, 503, 503, 503, 503, 503, 503, 503);
        runner.runNow("faults");
        runner.runNow("faults");
        assertThat(breakers.state("pin")).contains("OPEN");
        // half-open as after breaker-open-for, without waiting for it: the next calls are the breaker's trials
        halfOpen();

        // each of its three trials is answered 401; the token is then changed (as an operator would fix it)
        for (int trial = 0; trial < 3; trial++) {
            pinterest.answerNext(401);
            assertThat(runner.runNow("faults").failure()).contains("401");
            TestDatabase.jdbc().update("DELETE FROM conversions.destination_state WHERE destination_id = 'pin'");
        }

        // a refused token says nothing of the destination's health: the trials were spent as answered calls
        // (delivery.yaml, read-status), not lost
        RunSummary after = runner.runNow("faults");
        assertThat(after.status()).as(after.failure()).isEqualTo("succeeded");
        assertThat(pinterest.acceptedIds()).containsExactly("HALF-0");
    }

    @Test
    void anOpenCircuitBreakerFailsCallsWithoutSendingAndLosesNothing() {
        rows("BREAKER-", 2);
        pinterest.answerNext(503, 503, 503, 503, 503, 503, 503, 503, 503, 503);
        runner.runNow("faults");
        runner.runNow("faults");
        int sent = pinterest.requests();
        assertThat(sent).isEqualTo(10);

        RunSummary open = runner.runNow("faults");
        assertThat(open.status()).isEqualTo("failed");
        assertThat(open.failure()).contains("circuit breaker").contains("open");
        assertThat(pinterest.requests()).as("an open breaker sends nothing").isEqualTo(sent);
        assertThat(
                        table(
                                "SELECT * FROM conversions.pending_event WHERE activation_id = 'faults' AND event_id LIKE 'BREAKER-%'"))
                .hasSize(2);

        halfOpen();
        RunSummary after = runner.runNow("faults");
        assertThat(after.status()).isEqualTo("succeeded");
        assertThat(pinterest.acceptedIds()).containsExactlyInAnyOrder("BREAKER-0", "BREAKER-1");
    }

    @Test
    void pinterestsWarningsAreKeptWithTheDeliveredEvent() {
        rows("WARN-", 2);
        pinterest.warnEvents(Set.of("WARN-0"));

        runner.runNow("faults");

        assertThat(
                        table(
                                "SELECT event_id, warning FROM conversions.delivered_event WHERE activation_id = 'faults' AND event_id LIKE 'WARN-%' ORDER BY event_id"))
                .extracting(r -> r.get("warning"))
                .containsExactly("Event has a non-standard field.", null);
    }

    @Test
    void underChaosEveryEventIsDeliveredOnceWithinAFewRuns() {
        List<String> ids = rows("CHAOS-", 4000);
        pinterest.chaos(0.15, 0.10, 0.15, 0.05, 42);

        List<RunSummary> runs = new ArrayList<>();
        for (int i = 0; i < 20 && pinterest.acceptedIds().size() < ids.size(); i++) {
            runs.add(runner.runNow("chaos"));
        }

        assertThat(pinterest.violations()).isEmpty();
        assertThat(pinterest.acceptedIds())
                .containsExactlyInAnyOrderElementsOf(ids)
                .doesNotHaveDuplicates();
        assertThat(
                        table(
                                "SELECT * FROM conversions.pending_event WHERE activation_id = 'chaos' AND event_id LIKE 'CHAOS-%'"))
                .isEmpty();
        assertThat(pinterest.requests())
                .as("many requests failed and were retried")
                .isGreaterThan(60);
        assertThat(runs.get(runs.size() - 1).status()).isEqualTo("succeeded");
        assertThat(IntStream.range(0, runs.size())
                        .mapToLong(i -> runs.get(i).delivered())
                        .sum())
                .isEqualTo(ids.size());
    }
}
