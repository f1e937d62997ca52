package io.pinconv.activation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.quartz.CronScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;

class FiringsTest {

    final Firings firings = new Firings();

    @Test
    void aFiringOnTimeIsTheSchedulesAndOneFiredWellAfterItsTimeIsACatchUp() {
        Date due = new Date(1_700_000_000_000L);
        assertThat(firings.kind(null, due, new Date(due.getTime() + 40))).isEqualTo("schedule");
        assertThat(firings.kind(null, due, new Date(due.getTime() + 95_000))).isEqualTo("catch-up");
        assertThat(firings.kind(null, null, null)).as("not fired by Quartz").isEqualTo("schedule");
    }

    @Test
    void aMissedFiringQuartzFiresNowIsDueAtNoTimeOfItsCronAndIsACatchUp() {
        Trigger hourly = TriggerBuilder.newTrigger()
                .withSchedule(CronScheduleBuilder.cronSchedule("0 15 * * * ?").inTimeZone(TimeZone.getTimeZone("UTC")))
                .build();
        Date onTime = Date.from(java.time.Instant.parse("2026-12-06T10:15:00Z"));
        Date now = Date.from(java.time.Instant.parse("2026-12-06T12:40:07.250Z"));
        assertThat(firings.kind(hourly, onTime, new Date(onTime.getTime() + 30)))
                .isEqualTo("schedule");
        assertThat(firings.kind(hourly, now, new Date(now.getTime() + 30))).isEqualTo("catch-up");
    }
}
