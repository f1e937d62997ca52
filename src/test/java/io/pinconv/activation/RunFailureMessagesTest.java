package io.pinconv.activation;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** A failure's message names the cause, never a segment's values. */
class RunFailureMessagesTest {

    @Test
    void aDatabaseErrorQuotingAValueKeepsItsCauseAndLosesTheValue() {
        String m = RunFailures.describe(
                new RuntimeException(
                        "wrapped",
                        new SQLException(
                                "ERROR: invalid input syntax for type timestamp with time zone: \"jane.doe@example.com\"\n  Where: ...")));
        assertThat(m)
                .isEqualTo(
                        "the database failed (ERROR: invalid input syntax for type timestamp with time zone: \"<masked>\")");
    }

    @Test
    void anEmailAnywhereIsMaskedAndNamesOfTablesStay() {
        assertThat(RunFailures.describe(
                        new IllegalStateException("row of Jane.Doe+shop@mail.example.co.uk could not be read")))
                .isEqualTo("row of <masked e-mail> could not be read");
        assertThat(RunFailures.describe(new SQLException("ERROR: relation \"shop.purchases\" does not exist")))
                .isEqualTo("the database failed (ERROR: relation \"shop.purchases\" does not exist)");
    }
}
