package io.pinconv.activation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import org.junit.jupiter.api.Test;

class FiringsTest {

    final Firings firings = new Firings();

    @Test
    void aFiringOnTimeIsTheSchedulesAndOneFiredWellAfterItsTimeIsACatchUp() {
        Date due = new Date(1_700_000_000_000L);
        assertThat(firings.kind(due, new Date(due.getTime() + 40))).isEqualTo("schedule");
        assertThat(firings.kind(due, new Date(due.getTime() + 95_000))).isEqualTo("catch-up");
        assertThat(firings.kind(null, null)).as("not fired by Quartz").isEqualTo("schedule");
    }
}
