package io.pinconv.mapping;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * How late web and app events reach Pinterest: how many there were, and how many of them were sent more than the
 * threshold after they happened (Pinterest counts a web or app event received more than an hour late as offline).
 * More than 5% late is a 95th percentile above the threshold.
 *
 * @param webAndApp events whose action source is web, app_android or app_ios
 * @param late      those of them sent more than the threshold after their event time
 */
public record Lateness(long webAndApp, long late) {

    public static final Lateness NONE = new Lateness(0, 0);

    public static Lateness of(Collection<ConversionEvent> events, Duration threshold, Instant sentAt) {
        long latestOnTime = sentAt.getEpochSecond() - threshold.toSeconds();
        long webAndApp = 0, late = 0;
        for (ConversionEvent e : events) {
            Object source = e.value(PinterestField.ACTION_SOURCE);
            if ("web".equals(source) || "app_android".equals(source) || "app_ios".equals(source)) {
                webAndApp++;
                if (e.value(PinterestField.EVENT_TIME) instanceof Number t && t.longValue() < latestOnTime) {
                    late++;
                }
            }
        }
        return new Lateness(webAndApp, late);
    }

    /** Whether the 95th percentile of the delay is above the threshold: more than one event in twenty late. */
    public boolean p95Above() {
        return late * 20 > webAndApp;
    }
}
