package io.pinconv.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinconv.support.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ledger on the real PostgreSQL: a chunk is inserted as new, and a chunk that meets ids recorded before
 * (the resend of a chunk whose answer a crash lost) still records its new ids and leaves the old ones as they were.
 */
class DeliveredEventsIT {

    static final DataSource DB = TestDatabase.jdbc().getDataSource();
    static final JdbcTemplate JDBC = new JdbcTemplate(DB);
    static final DeliveredEvents LEDGER = new DeliveredEvents(JDBC, TestDatabase.URL);
    static final TransactionTemplate TX = new TransactionTemplate(new DataSourceTransactionManager(DB));

    @BeforeAll
    static void schema() {
        Flyway.configure()
                .dataSource(DB)
                .schemas("conversions")
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    @Test
    void aChunkMeetingIdsRecordedBeforeRecordsTheRestAndKeepsTheOld() {
        String account = TestDatabase.newAdAccount();
        Instant first = Instant.parse("2026-12-01T10:00:00Z");
        Instant second = Instant.parse("2026-12-01T11:00:00Z");

        int n1 = TX.execute(s ->
                LEDGER.record(account, "checkout", "ledger-it", 1, List.of("a", "b"), Map.of("b", "tab\there"), first));
        // the same transaction goes on after the fallback: a row written before the ledger stays
        int n2 = TX.execute(s -> {
            JDBC.update(
                    "INSERT INTO conversions.run_request (run_id, status, requests) VALUES (-4242, 200, 1) ON CONFLICT DO NOTHING");
            return LEDGER.record(account, "checkout", "ledger-it", 2, List.of("b", "c", "d"), Map.of(), second);
        });

        assertThat(n1).isEqualTo(2);
        assertThat(n2).isEqualTo(2);
        assertThat(JDBC.queryForList(
                        "SELECT event_id || ':' || run_id || ':' || coalesce(warning, '-') FROM conversions.delivered_event"
                                + " WHERE ad_account_id = ? ORDER BY event_id",
                        String.class,
                        account))
                .containsExactly("a:1:-", "b:1:tab\there", "c:2:-", "d:2:-");
        assertThat(LEDGER.alreadyDelivered(account, "checkout", List.of("a", "c", "e")))
                .containsExactlyInAnyOrder("a", "c");
        assertThat(JDBC.queryForObject(
                        "SELECT count(*) FROM conversions.run_request WHERE run_id = -4242", Integer.class))
                .isEqualTo(1);
        JDBC.update("DELETE FROM conversions.run_request WHERE run_id = -4242");
    }

    @Test
    void theSameIdForAnotherEventTypeIsAnotherEvent() {
        String account = TestDatabase.newAdAccount();
        Instant at = Instant.parse("2026-12-01T10:00:00Z");

        TX.execute(s -> LEDGER.record(account, "checkout", "ledger-it", 1, List.of("x"), Map.of(), at));
        int n = TX.execute(s -> LEDGER.record(account, "lead", "ledger-it", 1, List.of("x"), Map.of(), at));

        assertThat(n).isEqualTo(1);
    }
}
