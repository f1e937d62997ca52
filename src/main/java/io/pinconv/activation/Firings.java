package io.pinconv.activation;

import java.time.Duration;
import java.util.Date;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/**
 * What a Quartz firing is, for the run record: on its schedule, or a catch-up, fired well after its time because
 * the service was down then (Quartz fires a missed firing once, at start) or the activation's previous run was
 * still going (one run at a time).
 */
@Component
public class Firings {

    public static final String VARIABLE = "firing";
    public static final String SCHEDULE = "schedule";
    public static final String CATCH_UP = "catch-up";
    public static final String RUN_NOW = "run now";

    /** Later than this after its time, a firing is no longer the schedule's own: a firing on time is late by milliseconds. */
    static final Duration LATE = Duration.ofSeconds(10);

    /** @param scheduled the time the firing was due; @param fired when Quartz fired it (Camel's quartz headers) */
    public String kind(@Header("scheduledFireTime") Date scheduled, @Header("fireTime") Date fired) {
        if (scheduled == null || fired == null) {
            return SCHEDULE;
        }
        return fired.getTime() - scheduled.getTime() > LATE.toMillis() ? CATCH_UP : SCHEDULE;
    }
}
