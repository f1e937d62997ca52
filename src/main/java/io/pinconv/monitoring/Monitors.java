package io.pinconv.monitoring;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pinconv.config.MonitorProperties;
import io.pinconv.ledger.MonitorHistory;
import io.pinconv.ledger.MonitorHistory.Totals;
import io.pinconv.ledger.MonitorHistory.Verdict;
import io.pinconv.ledger.RunSummary;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Judges each run that ended well against the activation's history, for what goes wrong while every request answers
 * 200: fewer conversions than usual (volume_drop), identifiers or values vanishing (coverage_drop), web and app events
 * arriving late (late_events), many new rows held back (rejection_share). Each verdict is kept in the run history
 * and in the metrics; the alerts speak when a condition starts and when it ends.
 */
@Component
public class Monitors {

    public static final String VOLUME_DROP = "volume_drop";
    public static final String COVERAGE_DROP = "coverage_drop";
    public static final String LATE_EVENTS = "late_events";
    public static final String REJECTION_SHARE = "rejection_share";

    /** What a checkout carries besides identifiers: Pinterest reports its revenue from them. */
    private static final List<String> CHECKOUT_ONLY = List.of("value", "currency");

    private static final Duration DAY = Duration.ofDays(1);

    private final MonitorHistory history;
    private final Alerts alerts;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<List<String>, Verdict> latest = new ConcurrentHashMap<>();

    public Monitors(MonitorHistory history, Alerts alerts, MeterRegistry registry, Clock clock) {
        this.history = history;
        this.alerts = alerts;
        this.registry = registry;
        this.clock = clock;
    }

    /** The activation a run belongs to, as the monitors need it. */
    public record Watched(String activationId, String destinationId, String eventType, MonitorProperties settings) {}

    /** Judges a run that ended well: its verdicts, kept in the run history and the metrics, and said when news. */
    public List<Verdict> judge(Watched a, RunSummary run) {
        List<Verdict> verdicts = new ArrayList<>();
        MonitorProperties m = a.settings();
        if (m.rejectionShare().enabled()) {
            rejectionShare(m.rejectionShare(), run).ifPresent(verdicts::add);
        }
        if (m.lateEvents().enabled()) {
            lateEvents(a, m.lateEvents(), run).ifPresent(verdicts::add);
        }
        if (m.coverageDrop().enabled()) {
            verdicts.addAll(coverageDrop(a, m.coverageDrop(), run));
        }
        if (m.volumeDrop().enabled()) {
            verdicts.addAll(volumeDrop(a, m.volumeDrop(), run));
        }
        history.record(run.id(), verdicts);
        for (Verdict v : verdicts) {
            gauges(a.activationId(), v);
            alerts.activationCondition(
                    v.monitor(), a.activationId(), a.destinationId(), v.subject(), v.firing(), v.message());
        }
        return verdicts;
    }

    /** Judged on the rows read for the first time: a row held back again at each re-read is not news. */
    Optional<Verdict> rejectionShare(MonitorProperties.RejectionShare s, RunSummary run) {
        long fresh = run.firstHeld() + run.delivered();
        if (fresh < s.minRows()) {
            return Optional.empty();
        }
        double share = (double) run.firstHeld() / fresh;
        boolean firing = share > s.share();
        return Optional.of(new Verdict(
                REJECTION_SHARE,
                "",
                share,
                s.share(),
                firing,
                firing
                        ? String.format(
                                "Run %d of activation '%s' held back %d of the %d rows it read for the first time (%.0f%%,"
                                        + " above %.0f%%): see its rejections",
                                run.id(), run.activationId(), run.firstHeld(), fresh, 100 * share, 100 * s.share())
                        : String.format(
                                "Activation '%s' holds back %.0f%% of its new rows again (run %d), at most %.0f%%",
                                run.activationId(), 100 * share, run.id(), 100 * s.share())));
    }

    /**
     * Late when more than one web or app event in twenty (a 95th percentile above the threshold) was sent later than
     * the threshold after it happened. Not judged on an activation's first run, whose backlog is late by nature.
     */
    Optional<Verdict> lateEvents(Watched a, MonitorProperties.LateEvents s, RunSummary run) {
        long events = run.lateness().webAndApp();
        if (events < s.minEvents()
                || history.before(a.activationId(), run.id(), Instant.EPOCH, run.dryRun())
                                .runs()
                        == 0) {
            return Optional.empty();
        }
        double share = (double) run.lateness().late() / events;
        boolean firing = run.lateness().p95Above();
        String threshold = human(s.threshold());
        return Optional.of(new Verdict(
                LATE_EVENTS,
                "",
                share,
                0.05,
                firing,
                firing
                        ? String.format(
                                "Run %d of activation '%s' sent %d of its %d web and app events (%.0f%%) more than %s after"
                                        + " they happened: Pinterest counts them as offline. Run it more often, or"
                                        + " find what delays the rows",
                                run.id(), run.activationId(), run.lateness().late(), events, 100 * share, threshold)
                        : String.format(
                                "Activation '%s' sends its web and app events within %s again (run %d: %.0f%% later)",
                                run.activationId(), threshold, run.id(), 100 * share)));
    }

    /** Each identifier's share of the run's events against its share over the days before, in points. */
    List<Verdict> coverageDrop(Watched a, MonitorProperties.CoverageDrop s, RunSummary run) {
        if (run.delivered() < s.minEvents()) {
            return List.of();
        }
        Totals before = history.before(
                a.activationId(), run.id(), clock.instant().minus(DAY.multipliedBy(s.baselineDays())), run.dryRun());
        if (before.delivered() < s.minEvents()) {
            return List.of();
        }
        List<Verdict> verdicts = new ArrayList<>();
        run.match().byName().forEach((carried, n) -> {
            if (CHECKOUT_ONLY.contains(carried) && !"checkout".equals(a.eventType())) {
                return;
            }
            double baseline = 100.0 * before.carried().get(carried) / before.delivered();
            double now = 100.0 * n / run.delivered();
            if (baseline < s.points() && now == 0) {
                // rare before and absent now: nothing to watch (the drop could not reach the threshold)
                return;
            }
            boolean firing = baseline - now >= s.points();
            verdicts.add(new Verdict(
                    COVERAGE_DROP,
                    carried,
                    now,
                    baseline,
                    firing,
                    firing
                            ? String.format(
                                    "Run %d of activation '%s': %.0f%% of its events carry %s, against %.0f%% over the"
                                            + " %d days before; check the mapping and the segment's %s column",
                                    run.id(), run.activationId(), now, carried, baseline, s.baselineDays(), carried)
                            : String.format(
                                    "Activation '%s': %.0f%% of its events carry %s again (run %d; %.0f%% before)",
                                    run.activationId(), now, carried, run.id(), baseline)));
        });
        return verdicts;
    }

    /**
     * Events delivered over the last 24 hours against the daily average of the days before (judged once a whole day
     * of history is there), and no event at all for longer than max-silence.
     */
    List<Verdict> volumeDrop(Watched a, MonitorProperties.VolumeDrop s, RunSummary run) {
        Instant now = clock.instant();
        Instant dayAgo = now.minus(DAY);
        Optional<Instant> first = history.firstRun(a.activationId(), run.dryRun());
        if (first.isEmpty()) {
            return List.of();
        }
        long daysOfHistory = Duration.between(first.get(), dayAgo).toDays();
        if (daysOfHistory < 1) {
            return List.of();
        }
        long days = Math.min(daysOfHistory, s.baselineDays());
        double daily =
                (double) history.delivered(a.activationId(), dayAgo.minus(DAY.multipliedBy(days)), dayAgo, run.dryRun())
                        / days;
        if (daily < s.minDailyEvents()) {
            return List.of();
        }
        List<Verdict> verdicts = new ArrayList<>();
        long last24h = history.delivered(a.activationId(), dayAgo, now.plusSeconds(1), run.dryRun());
        boolean low = last24h < daily * (1 - s.drop());
        verdicts.add(new Verdict(
                VOLUME_DROP,
                "",
                (double) last24h,
                daily,
                low,
                low
                        ? String.format(
                                "Activation '%s' delivered %d events over the last 24 hours, against %.0f a day over the"
                                        + " %d days before (under %.0f%% of it): check the segment and what feeds it",
                                a.activationId(), last24h, daily, days, 100 * (1 - s.drop()))
                        : String.format(
                                "Activation '%s' delivers as usual again: %d events over the last 24 hours (%.0f a day"
                                        + " before)",
                                a.activationId(), last24h, daily)));
        Optional<Instant> lastDelivery = history.lastDelivery(a.activationId(), run.dryRun());
        Duration silent = Duration.between(lastDelivery.orElse(first.get()), now);
        boolean quiet = silent.compareTo(s.maxSilence()) > 0;
        verdicts.add(new Verdict(
                VOLUME_DROP,
                "silence",
                (double) silent.toSeconds(),
                (double) s.maxSilence().toSeconds(),
                quiet,
                quiet
                        ? String.format(
                                "Activation '%s' has delivered no event for %s (max-silence %s), while it usually"
                                        + " delivers %.0f a day",
                                a.activationId(), human(silent), human(s.maxSilence()), daily)
                        : String.format("Activation '%s' delivers events again", a.activationId())));
        return verdicts;
    }

    private void gauges(String activationId, Verdict v) {
        List<String> key = List.of(activationId, v.monitor(), v.subject());
        if (latest.put(key, v) == null) {
            // registered once per series; each reads the latest verdict
            Gauge.builder(
                            "conversions.monitor.value",
                            () -> value(latest.get(key).value()))
                    .tag("activation", activationId)
                    .tag("monitor", v.monitor())
                    .tag("subject", v.subject())
                    .register(registry);
            Gauge.builder(
                            "conversions.monitor.baseline",
                            () -> value(latest.get(key).baseline()))
                    .tag("activation", activationId)
                    .tag("monitor", v.monitor())
                    .tag("subject", v.subject())
                    .register(registry);
            Gauge.builder("conversions.monitor.firing", () -> latest.get(key).firing() ? 1 : 0)
                    .tag("activation", activationId)
                    .tag("monitor", v.monitor())
                    .tag("subject", v.subject())
                    .register(registry);
        }
    }

    private static double value(Double d) {
        return d == null ? Double.NaN : d;
    }

    static String human(Duration d) {
        if (d.toMinutes() < 120) {
            return d.toMinutes() + " min";
        }
        if (d.toHours() < 48) {
            return d.toHours() + "h";
        }
        return d.toDays() + " days";
    }
}
