package io.pinconv.activation;

import java.text.ParseException;
import java.time.Duration;
import java.util.Date;
import org.apache.camel.Header;
import org.quartz.CronExpression;
import org.quartz.CronTrigger;
import org.quartz.Trigger;
import org.springframework.stereotype.Component;

/**
 * What a Quartz firing is, for the run record: on its schedule, or a catch-up, fired well after its time because
 * the service was down then (Quartz fires a missed firing once, at start, due "now") or the activation's previous
 * run was still going (one run at a time).
 */
@Component
public class Firings {

    public static final String VARIABLE = "firing";
    public static final String SCHEDULE = "schedule";
    public static final String CATCH_UP = "catch-up";
    public static final String RUN_NOW = "run now";

    /** Later than this after its time, a firing is no longer the schedule's own: a firing on time is late by milliseconds. */
    static final Duration LATE = Duration.ofSeconds(10);

    /**
     * @param trigger   the firing's trigger; @param scheduled the time the firing was due; @param fired when Quartz
     *                  fired it (Camel's quartz headers)
     */
    public String kind(
            @Header("trigger") Trigger trigger,
            @Header("scheduledFireTime") Date scheduled,
            @Header("fireTime") Date fired) {
        if (scheduled == null || fired == null) {
            return SCHEDULE;
        }
        if (fired.getTime() - scheduled.getTime() > LATE.toMillis()) {
            return CATCH_UP;
        }
        // a firing missed by more than Quartz's misfire threshold is fired "now": it is due at no time of its cron
        return trigger instanceof CronTrigger cron && !onSchedule(cron, scheduled) ? CATCH_UP : SCHEDULE;
    }

    private static boolean onSchedule(CronTrigger trigger, Date scheduled) {
        try {
            CronExpression cron = new CronExpression(trigger.getCronExpression());
            cron.setTimeZone(trigger.getTimeZone());
            return cron.isSatisfiedBy(scheduled);
        } catch (ParseException e) {
            return true;
        }
    }
}
