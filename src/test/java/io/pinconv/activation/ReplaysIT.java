package io.pinconv.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinconv.support.TestDatabase;
import io.pinconv.support.TestDatabase.PurchaseRow;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Sending again on request: only what is named, once, with or without a cursor. */
class ReplaysIT extends CursorRunsContext {

    @Autowired
    ActivationRunner runner;

    @Autowired
    Replays replays;

    @BeforeEach
    void clean() {
        TestDatabase.forget("replayed");
        TestDatabase.jdbc().update("DELETE FROM conversions.activation_cursor WHERE activation_id = 'replayed'");
        TestDatabase.jdbc().execute("TRUNCATE " + schema + ".purchase_events");
        pinterest.reset();
    }

    @Test
    void namedEventsAndATimeRangeAreSentOnceMoreBehindTheCursor() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TestDatabase.insert(
                schema,
                List.of(
                        PurchaseRow.valid("R-1", now.minus(Duration.ofHours(30))),
                                PurchaseRow.valid("R-2", now.minus(Duration.ofHours(20))),
                        PurchaseRow.valid("R-3", now.minus(Duration.ofHours(10))),
                                PurchaseRow.valid("R-4", now.minus(Duration.ofHours(2)))));
        runner.runNow("replayed");
        assertThat(pinterest.acceptedIds()).hasSize(4);
        pinterest.reset();

        assertThat(replays.resendEvents("replayed", List.of("R-1", "R-9"), "test"))
                .isEqualTo(1);
        assertThat(replays.resendEvents("replayed", List.of("R-1"), "asked twice"))
                .isZero();
        assertThat(replays.resendRange(
                        "replayed", now.minus(Duration.ofHours(25)), now.minus(Duration.ofHours(5)), "test"))
                .isEqualTo(2);
        assertThat(replays.resendRange(
                        "replayed", now.minus(Duration.ofHours(25)), now.minus(Duration.ofHours(5)), "asked twice"))
                .isZero();

        runner.runNow("replayed");
        assertThat(pinterest.acceptedIds()).containsExactlyInAnyOrder("R-1", "R-2", "R-3");
        runner.runNow("replayed");
        assertThat(pinterest.acceptedIds()).as("once more, not again and again").hasSize(3);
    }

    @Test
    void aBackfillReadsTheWholeWindowAgainAndSendsOnlyWhatWasNeverDelivered() {
        Instant now = Instant.now();
        TestDatabase.insert(schema, List.of(PurchaseRow.valid("B-1", now.minus(Duration.ofHours(3)))));
        runner.runNow("replayed");
        // a row that arrived with an old load time: behind the cursor, a normal run would not see it
        TestDatabase.jdbc()
                .update(
                        "INSERT INTO " + schema
                                + ".purchase_events (order_id, purchased_at, channel, email, amount, currency, loaded_at)"
                                + " VALUES ('B-2', now() - interval '2 hours', 'web', 'b2@example.com', 5, 'USD', now() - interval '1 day')");
        assertThat(runner.runNow("replayed").read()).isZero();

        replays.backfill("replayed", "a load came in late");
        var run = runner.runNow("replayed");

        assertThat(pinterest.acceptedIds()).containsExactlyInAnyOrder("B-1", "B-2");
        assertThat(run.delivered()).isEqualTo(1);
    }

    @Test
    void refusedEventsMaBeReconsideredAndRangesTooOldAreRefused() {
        TestDatabase.insert(
                schema, List.of(PurchaseRow.valid("X-1", Instant.now().minus(Duration.ofHours(1)))));
        pinterest.refuseEvents(Set.of("X-1"));
        runner.runNow("replayed");
        runner.runNow("replayed");
        assertThat(pinterest.requests()).isEqualTo(1);

        pinterest.reset();
        assertThat(replays.reconsiderRefused("replayed", "Pinterest fixed its side"))
                .isEqualTo(1);
        runner.runNow("replayed");
        assertThat(pinterest.acceptedIds()).containsExactly("X-1");

        assertThatThrownBy(() -> replays.resendRange(
                        "replayed", Instant.now().minus(Duration.ofDays(9)), Instant.now(), "too old"))
                .hasMessageContaining("7 days");
    }

    @Test
    void tensOfThousandsOfEventsAreReplayedByIdOrByRangeInOneStatement() {
        // more ids than PostgreSQL takes parameters (65,535): a list of placeholders failed here
        TestDatabase.jdbc()
                .update(
                        "INSERT INTO " + schema
                                + ".purchase_events (order_id, purchased_at, channel, email, amount, currency)"
                                + " SELECT 'BIG-' || g, now() - interval '1 hour', 'web', 'big@example.com', 1, 'USD' FROM generate_series(1, 80000) g");
        TestDatabase.jdbc()
                .update(
                        "INSERT INTO conversions.delivered_event (ad_account_id, event_name, event_id, activation_id, run_id,"
                                + " delivered_at) SELECT ?, 'checkout', 'BIG-' || g, 'replayed', 0, now() FROM generate_series(1, 80000) g",
                        replaysAccount);

        List<String> named = java.util.stream.IntStream.rangeClosed(1, 70_000)
                .mapToObj(i -> "BIG-" + i)
                .toList();
        assertThat(replays.resendEvents("replayed", named, "many")).isEqualTo(70_000);

        Instant now = Instant.now();
        assertThat(replays.resendRange("replayed", now.minus(Duration.ofHours(2)), now, "the rest"))
                .isEqualTo(10_000);
        assertThat(replays.resendRange("replayed", now.minus(Duration.ofHours(2)), now, "asked twice"))
                .isZero();

        assertThat(TestDatabase.jdbc()
                        .queryForObject(
                                "SELECT count(*) FROM conversions.delivered_event WHERE ad_account_id = ?",
                                Long.class,
                                replaysAccount))
                .as("every one left the ledger")
                .isZero();
        assertThat(TestDatabase.jdbc()
                        .queryForList(
                                "SELECT attempts || ' ' || cause FROM conversions.pending_event"
                                        + " WHERE activation_id = 'replayed' AND event_id IN ('BIG-1', 'BIG-80000') ORDER BY event_id",
                                String.class))
                .containsExactly(
                        "1 replay requested: many",
                        "1 replay requested: the rest (event times " + now.minus(Duration.ofHours(2)) + " to " + now
                                + ")");
        assertThat(TestDatabase.jdbc()
                        .queryForObject(
                                "SELECT count(*) FROM conversions.pending_event WHERE activation_id = 'replayed'",
                                Long.class))
                .isEqualTo(80_000);
    }
}
