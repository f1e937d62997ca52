package io.pinconv.activation;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinconv.ledger.RunSummary;
import io.pinconv.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Runs that cost what is new: a cursor, late rows, and rows behind the cursor that are retried. */
class IncrementalRunsIT extends CursorRunsContext {

    @Autowired
    ActivationRunner runner;

    @BeforeEach
    void clean() {
        TestDatabase.forget("incremental", "short-window");
        TestDatabase.jdbc().update("DELETE FROM conversions.activation_cursor WHERE activation_id = 'incremental'");
        TestDatabase.jdbc().execute("TRUNCATE " + schema + ".purchase_events");
        pinterest.reset();
    }

    /** n rows loaded at the given time, their events some hours old. */
    static void load(String prefix, int n, String loadedAt, String eventAge) {
        TestDatabase.jdbc().update("""
                INSERT INTO %s.purchase_events (order_id, purchased_at, channel, email, amount, currency, loaded_at)
                SELECT '%s' || g, now() - interval '%s', 'web', 'u' || g || '@example.com', 9.99, 'USD', %s
                FROM generate_series(1, %d) g""".formatted(schema, prefix, eventAge, loadedAt, n));
    }

    @Test
    void withACursorALaterRunReadsOnlyWhatArrivedSinceAndLateRowsAreDelivered() {
        load("FIRST-", 200, "now() - interval '1 hour'", "3 hours");
        RunSummary first = runner.runNow("incremental");
        assertThat(first.delivered()).isEqualTo(200);

        load("NEW-", 30, "now()", "10 minutes");
        load("LATE-", 5, "now()", "5 days"); // an old event loaded today: still inside the window
        RunSummary second = runner.runNow("incremental");

        assertThat(second.delivered()).isEqualTo(35);
        assertThat(second.read())
                .as("only what arrived since the last run is read")
                .isEqualTo(35);
        assertThat(pinterest.acceptedIds()).hasSize(235).doesNotHaveDuplicates();

        RunSummary third = runner.runNow("incremental");
        assertThat(third.read()).isZero();
    }

    @Test
    void rowsBehindTheCursorThatWereHeldBackOrPendingAreTriedAgain() {
        load("A-", 40, "now() - interval '2 hours'", "1 hour");
        TestDatabase.jdbc().update("UPDATE " + schema + ".purchase_events SET channel = 'shop' WHERE order_id = 'A-7'");
        runner.runNow("incremental");
        assertThat(pinterest.acceptedIds()).hasSize(39);

        load("B-", 10, "now() - interval '1 hour'", "1 hour");
        pinterest.answerNext(503, 503, 503, 503, 503);
        RunSummary failed = runner.runNow("incremental");
        assertThat(failed.status()).isEqualTo("failed");

        load("C-", 10, "now()", "1 hour");
        // the held-back row is fixed upstream, its load time unchanged (behind the cursor)
        TestDatabase.jdbc()
                .update("UPDATE " + schema + ".purchase_events SET channel = 'offline' WHERE order_id = 'A-7'");
        RunSummary next = runner.runNow("incremental");

        assertThat(next.status()).isEqualTo("succeeded");
        assertThat(pinterest.acceptedIds()).hasSize(60).doesNotHaveDuplicates().contains("A-7", "B-1", "C-1");
    }

    @Test
    void aRunDoesNotStartWhileAnotherRunOfTheActivationIsInProgress() throws Exception {
        load("LOCKED-", 3, "now()", "1 hour");
        // another instance's run holds the activation's lock
        try (var other = java.sql.DriverManager.getConnection(
                        TestDatabase.URL, TestDatabase.USER, TestDatabase.PASSWORD);
                var lock = other.prepareStatement(
                        "SELECT pg_advisory_lock(hashtext('pinterest-conversions:run:incremental'))")) {
            lock.execute();
            assertThat(runner.runNow("incremental")).isNull();
            assertThat(pinterest.requests()).isZero();
            // released before the connection closes: a closed connection's backend lets go of its locks only as it
            // exits, a moment later (the run right after found the lock still held)
            other.createStatement()
                    .execute("SELECT pg_advisory_unlock(hashtext('pinterest-conversions:run:incremental'))");
        }
        assertThat(runner.runNow("incremental").delivered()).isEqualTo(3);
    }

    @Test
    void aShorterLookBackHoldsOlderRowsBackAndNeverReadsAncientHistory() {
        load("RECENT-", 3, "now()", "2 hours");
        load("OLDER-", 2, "now()", "3 days");
        load("ANCIENT-", 4, "now()", "400 days");

        RunSummary run = runner.runNow("short-window");

        assertThat(pinterest.acceptedIds()).containsExactlyInAnyOrder("RECENT-1", "RECENT-2", "RECENT-3");
        assertThat(run.rejected()).isEqualTo(2);
        assertThat(run.read()).as("a 400-day-old history is not read").isEqualTo(5);
        assertThat(TestDatabase.jdbc()
                        .queryForList(
                                "SELECT message FROM conversions.rejection WHERE activation_id = 'short-window'",
                                String.class))
                .allMatch(m -> m.contains("look-back (PT24H)"));
    }
}
