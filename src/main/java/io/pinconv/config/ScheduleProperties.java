package io.pinconv.config;

import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.convert.DurationStyle;

/**
 * When an activation runs: a Quartz cron expression, or a plain interval, with an optional time zone.
 * Written {@code schedule: "0 0/15 * * * ?"}, {@code schedule: every 15m}, or
 * {@code schedule: {every: 15m}} / {@code schedule: {cron: "0 0 2 * * ?", timezone: Europe/Paris}}.
 */
public record ScheduleProperties(String cron, Duration every, String timezone) {

    /** The scalar forms: a cron expression, or "every" and a duration (15m, 1h, PT15M). */
    public static ScheduleProperties parse(String text) {
        String s = text.strip();
        if (s.toLowerCase(Locale.ROOT).startsWith("every ")) {
            return new ScheduleProperties(
                    null, DurationStyle.detectAndParse(s.substring(6).strip()), null);
        }
        return new ScheduleProperties(s, null, null);
    }

    @Override
    public String toString() {
        String what = every != null ? "every " + every.toString().substring(2).toLowerCase(Locale.ROOT) : cron;
        return timezone == null ? what : what + " (" + timezone + ")";
    }
}
