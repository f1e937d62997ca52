package io.pinconv.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinconv.support.TestDatabase;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The rows a run over a source reads again by id: the pending before the held back, the longest unseen first, so
 * that with more than a run's share each run reads others; never one held back as too old.
 */
class RowsToRetryIT {

    static final DataSource DB = TestDatabase.jdbc().getDataSource();
    static final JdbcTemplate JDBC = new JdbcTemplate(DB);
    static final RowsToRetry RETRIES = new RowsToRetry(JDBC);
    static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    @BeforeAll
    static void schema() {
        Flyway.configure()
                .dataSource(DB)
                .schemas("conversions")
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    static void pending(String activation, String id, int minutes) {
        JDBC.update(
                "INSERT INTO conversions.pending_event (event_id, activation_id, cause, attempts, first_failed_at,"
                        + " last_failed_at) VALUES (?, ?, 'HTTP 503', 1, ?, ?)",
                id,
                activation,
                Timestamp.from(T),
                Timestamp.from(T.plusSeconds(60L * minutes)));
    }

    static void heldBack(String activation, String id, String reason, int minutes) {
        JDBC.update(
                "INSERT INTO conversions.rejection (activation_id, event_id, reason, message, first_seen, last_seen)"
                        + " VALUES (?, ?, ?, 'held back', ?, ?)",
                activation,
                id,
                reason,
                Timestamp.from(T),
                Timestamp.from(T.plusSeconds(60L * minutes)));
    }

    @Test
    void pendingFirstThenTheLongestUnseenAndNeverTheTooOld() {
        String activation = "retry-" + TestDatabase.newAdAccount();
        heldBack(activation, "a-seen-late", "no_identifier", 30);
        heldBack(activation, "b-seen-early", "no_identifier", 10);
        heldBack(activation, "c-too-old", "event_time_too_old", 0);
        pending(activation, "z-pending", 50);

        assertThat(RETRIES.ids(activation, 10)).containsExactlyInAnyOrder("z-pending", "b-seen-early", "a-seen-late");
    }

    /** Rows the source no longer returns are never held back again: being asked for moves them back in line. */
    @Test
    void eachRunAsksForTheNextOnesEvenWhenTheSourceReturnsNone() {
        String activation = "retry-" + TestDatabase.newAdAccount();
        heldBack(activation, "a-seen-late", "no_identifier", 30);
        heldBack(activation, "b-seen-early", "no_identifier", 10);
        pending(activation, "z-pending", 50);

        // a run asks for two: the pending row first, then the row held back longest ago
        assertThat(RETRIES.ids(activation, 2)).containsExactly("z-pending", "b-seen-early");
        // the source returned neither (deleted): the next run asks for the other, the pending row still first
        assertThat(RETRIES.ids(activation, 2)).containsExactly("z-pending", "a-seen-late");
        assertThat(RETRIES.ids(activation, 2)).containsExactly("z-pending", "b-seen-early");
    }
}
