package io.pinconv.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What each monitor watches for, under {@code conversions.monitors} (every activation's defaults) and
 * {@code conversions.activations.<id>.monitors} (one activation's own). Every monitor is on unless
 * {@code enabled: false}; an unset value is taken from the defaults, then from the built-in ones below.
 *
 * @param volumeDrop     events delivered over the last 24 hours against the daily average of the days before
 * @param coverageDrop   the share of events carrying each identifier (and value and currency) against its baseline
 * @param lateEvents     web and app events sent more than a threshold after they happened
 * @param rejectionShare the share of rows read for the first time that are held back
 */
public record MonitorProperties(
        VolumeDrop volumeDrop, CoverageDrop coverageDrop, LateEvents lateEvents, RejectionShare rejectionShare) {

    /**
     * @param drop           the fall that alerts, as a fraction of the baseline (0.5: under half the usual volume)
     * @param baselineDays   days before the last 24 hours the baseline averages
     * @param minDailyEvents a baseline under this many events a day is too small to judge
     * @param maxSilence     no event delivered for longer than this, where the baseline has some every day
     */
    public record VolumeDrop(
            Boolean enabled, Double drop, Integer baselineDays, Long minDailyEvents, Duration maxSilence) {}

    /**
     * @param points       the fall, in percentage points of events, that alerts (20: from 90% of events to under 70%)
     * @param baselineDays days of runs before this one the baseline is taken from
     * @param minEvents    a run, or a baseline, with fewer events delivered is not judged
     */
    public record CoverageDrop(Boolean enabled, Double points, Integer baselineDays, Long minEvents) {}

    /**
     * @param threshold events sent later than this after their event time are late (Pinterest: one hour)
     * @param minEvents a run with fewer web and app events is not judged
     */
    public record LateEvents(Boolean enabled, Duration threshold, Long minEvents) {}

    /**
     * @param share   the share of rows read for the first time held back above which it alerts
     * @param minRows a run with fewer rows read for the first time is not judged
     */
    public record RejectionShare(Boolean enabled, Double share, Long minRows) {}

    public static final MonitorProperties BUILT_IN = new MonitorProperties(
            new VolumeDrop(true, 0.5, 7, 20L, Duration.ofHours(24)),
            new CoverageDrop(true, 20.0, 7, 20L),
            new LateEvents(true, Duration.ofHours(1), 20L),
            new RejectionShare(true, 0.2, 20L));

    /** Every setting, each unset one taken from {@code defaults}. */
    public MonitorProperties over(MonitorProperties defaults) {
        VolumeDrop v = volumeDrop == null ? new VolumeDrop(null, null, null, null, null) : volumeDrop;
        CoverageDrop c = coverageDrop == null ? new CoverageDrop(null, null, null, null) : coverageDrop;
        LateEvents l = lateEvents == null ? new LateEvents(null, null, null) : lateEvents;
        RejectionShare r = rejectionShare == null ? new RejectionShare(null, null, null) : rejectionShare;
        VolumeDrop dv = defaults.volumeDrop();
        CoverageDrop dc = defaults.coverageDrop();
        LateEvents dl = defaults.lateEvents();
        RejectionShare dr = defaults.rejectionShare();
        return new MonitorProperties(
                new VolumeDrop(
                        or(v.enabled(), dv.enabled()),
                        or(v.drop(), dv.drop()),
                        or(v.baselineDays(), dv.baselineDays()),
                        or(v.minDailyEvents(), dv.minDailyEvents()),
                        or(v.maxSilence(), dv.maxSilence())),
                new CoverageDrop(
                        or(c.enabled(), dc.enabled()),
                        or(c.points(), dc.points()),
                        or(c.baselineDays(), dc.baselineDays()),
                        or(c.minEvents(), dc.minEvents())),
                new LateEvents(
                        or(l.enabled(), dl.enabled()),
                        or(l.threshold(), dl.threshold()),
                        or(l.minEvents(), dl.minEvents())),
                new RejectionShare(
                        or(r.enabled(), dr.enabled()), or(r.share(), dr.share()), or(r.minRows(), dr.minRows())));
    }

    /** What is wrong with these settings (all set, as {@link #over} gives them), each naming its key under prefix. */
    public List<String> problems(String prefix) {
        List<String> p = new ArrayList<>();
        if (volumeDrop.drop() <= 0 || volumeDrop.drop() >= 1) {
            p.add(prefix + "volume-drop.drop " + volumeDrop.drop()
                    + " must be a fraction between 0 and 1 (0.5: alert under half the usual volume)");
        }
        if (volumeDrop.baselineDays() < 1 || volumeDrop.baselineDays() > 90) {
            p.add(prefix + "volume-drop.baseline-days must be from 1 to 90, not " + volumeDrop.baselineDays());
        }
        if (volumeDrop.maxSilence().isNegative() || volumeDrop.maxSilence().isZero()) {
            p.add(prefix + "volume-drop.max-silence must be positive (e.g. 24h)");
        }
        if (coverageDrop.points() <= 0 || coverageDrop.points() > 100) {
            p.add(prefix + "coverage-drop.points " + coverageDrop.points()
                    + " must be percentage points from 0 to 100 (20: from 90% of events to under 70%)");
        }
        if (coverageDrop.baselineDays() < 1 || coverageDrop.baselineDays() > 90) {
            p.add(prefix + "coverage-drop.baseline-days must be from 1 to 90, not " + coverageDrop.baselineDays());
        }
        if (lateEvents.threshold().isNegative() || lateEvents.threshold().isZero()) {
            p.add(prefix + "late-events.threshold must be positive (Pinterest counts web and app events received more"
                    + " than 1h late as offline)");
        }
        if (rejectionShare.share() <= 0 || rejectionShare.share() >= 1) {
            p.add(prefix + "rejection-share.share " + rejectionShare.share() + " must be a fraction between 0 and 1");
        }
        for (long min : List.of(
                volumeDrop.minDailyEvents(),
                coverageDrop.minEvents(),
                lateEvents.minEvents(),
                rejectionShare.minRows())) {
            if (min < 1) {
                p.add(prefix + "min-events, min-daily-events and min-rows must be at least 1");
                break;
            }
        }
        return p;
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
