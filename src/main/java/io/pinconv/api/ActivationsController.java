package io.pinconv.api;

import io.pinconv.activation.Activation;
import io.pinconv.activation.ActivationCatalog;
import io.pinconv.activation.ActivationRunner;
import io.pinconv.activation.Previews;
import io.pinconv.activation.Replays;
import io.pinconv.ledger.ActivationListings;
import io.pinconv.ledger.ActivationStates;
import io.pinconv.ledger.ActivationTotals;
import io.pinconv.ledger.AlertConditions;
import io.pinconv.ledger.DestinationStates;
import io.pinconv.ledger.MonitorHistory;
import io.pinconv.ledger.RunSummary;
import io.pinconv.ledger.Runs;
import io.pinconv.monitoring.Alerts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The admin API: what each activation did and why, and the means to act on it, with curl alone. */
@RestController
@RequestMapping("/api/activations")
public class ActivationsController {

    private final ActivationCatalog catalog;
    private final ActivationRunner runner;
    private final Runs runs;
    private final ActivationStates states;
    private final DestinationStates destinations;
    private final Previews previews;
    private final Replays replays;
    private final ActivationListings listings;
    private final CamelContext camel;
    private final Alerts alerts;
    private final Clock clock;
    private final MonitorHistory monitorHistory;
    private final ActivationTotals totals;
    private final AlertConditions alertConditions;

    public ActivationsController(
            ActivationCatalog catalog,
            ActivationRunner runner,
            Runs runs,
            ActivationStates states,
            DestinationStates destinations,
            Previews previews,
            Replays replays,
            ActivationListings listings,
            CamelContext camel,
            Alerts alerts,
            Clock clock,
            MonitorHistory monitorHistory,
            ActivationTotals totals,
            AlertConditions alertConditions) {
        this.monitorHistory = monitorHistory;
        this.totals = totals;
        this.alertConditions = alertConditions;
        this.alerts = alerts;
        this.catalog = catalog;
        this.runner = runner;
        this.runs = runs;
        this.states = states;
        this.destinations = destinations;
        this.previews = previews;
        this.replays = replays;
        this.listings = listings;
        this.camel = camel;
        this.clock = clock;
    }

    @GetMapping
    public List<Map<String, Object>> list() {
        List<Map<String, Object>> out = new ArrayList<>();
        List<AlertConditions.Open> open = alertConditions.open();
        for (Activation a : catalog.ready()) {
            List<RunSummary> last = runs.recent(a.id(), 1);
            String state = states.isPaused(a.id())
                    ? "paused"
                    : destinations.refusal(a.destinationId()).isPresent()
                                    || (!last.isEmpty()
                                            && "failed".equals(last.get(0).status()))
                            ? "failing"
                            : "active";
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", a.id());
            m.put("destination", a.destinationId());
            m.put("segment", a.segment());
            m.put("eventType", a.eventType());
            m.put("schedule", a.schedule().toString());
            m.put("state", state);
            m.put("lastRun", last.isEmpty() ? null : summary(last.get(0)));
            m.put("nextFiring", nextFiring(a.id()));
            // at a glance: the last day and week, and what is wrong now
            Instant now = clock.instant();
            m.put("lastDay", totals.since(a.id(), now.minus(Duration.ofDays(1))));
            m.put("lastWeek", totals.since(a.id(), now.minus(Duration.ofDays(7))));
            m.put(
                    "alerts",
                    open.stream()
                            .filter(o -> o.scope().equals(Alerts.ACTIVATION)
                                    && o.ownerId().equals(a.id()))
                            .toList());
            out.add(m);
        }
        catalog.waiting().forEach((id, why) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("state", "waiting-for-source");
            m.put("problems", List.of(why));
            m.put("nextFiring", nextFiring(id));
            out.add(m);
        });
        catalog.problems().forEach((id, problems) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("state", "misconfigured");
            m.put("problems", problems);
            out.add(m);
        });
        return out;
    }

    @PostMapping("/{id}/runs")
    public ResponseEntity<Object> runNow(@PathVariable String id) {
        catalog.get(id);
        if (states.isPaused(id)) {
            return ResponseEntity.status(HttpStatus.CONFLICT)
                    .body(Map.of("error", "activation '" + id + "' is paused; resume it to run it"));
        }
        RunSummary run = runner.runNow(id);
        if (run == null) {
            return ResponseEntity.status(HttpStatus.CONFLICT)
                    .body(Map.of("error", "another run of activation '" + id + "' is in progress"));
        }
        return ResponseEntity.ok(summary(run));
    }

    /** Newest first; {@code before} (a run id) gives the next page, {@code status} only the runs with that status. */
    @GetMapping("/{id}/runs")
    public List<Map<String, Object>> history(
            @PathVariable String id,
            @RequestParam(defaultValue = "20") int limit,
            @RequestParam(required = false) Long before,
            @RequestParam(required = false) String status) {
        catalog.get(id);
        int n = Math.max(1, Math.min(limit, 500));
        if (before != null && !runs.isRunOf(before, id)) {
            throw new IllegalArgumentException("activation '" + id + "' has no run " + before
                    + ": before= takes the id of one of its runs (the last of the page before)");
        }
        if (status != null && !Runs.STATUSES.contains(status)) {
            throw new IllegalArgumentException("status= takes one of " + String.join(", ", Runs.STATUSES) + ", not '"
                    + ApiErrors.shown(status) + "'");
        }
        return runs.page(id, before, status, n).stream().map(this::summary).toList();
    }

    /** The last runs (up to 5,000, 1,000 unless asked), oldest first, with what a chart of them needs. */
    @GetMapping("/{id}/runs/chart")
    public List<Runs.RunPoint> chart(@PathVariable String id, @RequestParam(defaultValue = "1000") int limit) {
        catalog.get(id);
        return runs.chart(id, Math.max(1, Math.min(limit, 5000)));
    }

    @GetMapping("/{id}/rejections")
    public Map<String, Object> rejections(
            @PathVariable String id,
            @RequestParam(required = false) String reason,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        catalog.get(id);
        int s = pageSize(size);
        return page("rejections", page, s, listings.rejections(id, reason, s, offset(page, s)));
    }

    /** The fields events were sent without, per event, newest first; {@code field} narrows to one field. */
    @GetMapping("/{id}/warnings")
    public Map<String, Object> warnings(
            @PathVariable String id,
            @RequestParam(required = false) String field,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        catalog.get(id);
        int s = pageSize(size);
        return page("warnings", page, s, listings.warnings(id, field, s, offset(page, s)));
    }

    /** Between 1 and 500 rows a page, whatever was asked: a page is read whole into memory. */
    private static int pageSize(int asked) {
        return Math.max(1, Math.min(asked, 500));
    }

    private static long offset(int page, int size) {
        return (long) Math.max(0, page) * size;
    }

    private static Map<String, Object> page(String key, int page, int size, ActivationListings.Page rows) {
        return Map.of("page", page, "size", size, "total", rows.total(), key, rows.rows());
    }

    @PostMapping("/{id}/pause")
    public Map<String, Object> pause(@PathVariable String id, @RequestParam(required = false) String reason) {
        String why = Reasons.clean(reason);
        Activation activation = catalog.get(id);
        states.setPaused(id, true, why, clock.instant());
        alerts.activationPaused(id, activation.destinationId(), why);
        return Map.of("id", id, "state", "paused");
    }

    @PostMapping("/{id}/resume")
    public Map<String, Object> resume(@PathVariable String id) {
        Activation activation = catalog.get(id);
        states.setPaused(id, false, null, clock.instant());
        alerts.activationResumed(id, activation.destinationId());
        return Map.of("id", id, "state", "active");
    }

    @PostMapping("/{id}/preview")
    public Previews.Preview preview(@PathVariable String id, @RequestParam(defaultValue = "10") int rows) {
        return previews.preview(id, rows);
    }

    /** Body: {"eventIds": [...]} or {"from": "...", "to": "..."}; "reason" says why, for the log. */
    @PostMapping("/{id}/replay")
    public Map<String, Object> replay(@PathVariable String id, @RequestBody Map<String, Object> body) {
        ReplayRequest request = ReplayRequest.of(body);
        int n = request.eventIds() != null
                ? replays.resendEvents(id, request.eventIds(), request.reason())
                : replays.resendRange(id, request.from(), request.to(), request.reason());
        return Map.of("id", id, "toResend", n);
    }

    @PostMapping("/{id}/backfill")
    public Map<String, Object> backfill(@PathVariable String id) {
        replays.backfill(id, "requested through the API");
        return Map.of("id", id, "backfill", "the next run reads the whole look-back window");
    }

    private Map<String, Object> summary(RunSummary r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("status", r.status());
        m.put("dryRun", r.dryRun());
        m.put("testMode", r.testMode());
        m.put("startedAt", r.startedAt());
        m.put("finishedAt", r.finishedAt());
        m.put("read", r.read());
        m.put("delivered", r.delivered());
        m.put("rejected", r.rejected());
        m.put("rejectedByReason", listings.rejectedByReason(r.id()));
        m.put("fieldsDropped", r.fieldsDropped());
        m.put("pending", r.pending());
        m.put("skipped", r.skipped());
        m.put("requests", r.requests());
        m.put("requestsByStatus", runs.requestsByStatus(r.id()));
        m.put("failure", r.failure());
        m.put("matchQuality", r.match());
        // rows held back this run that no run held back before: what rejection_share judges
        m.put("heldBackFirstTime", r.firstHeld());
        m.put("webAndAppEvents", r.lateness().webAndApp());
        m.put("lateEvents", r.lateness().late());
        m.put("duplicateIds", r.duplicateIds());
        m.put("monitors", monitorHistory.verdicts(List.of(r.id())).getOrDefault(r.id(), List.of()));
        return m;
    }

    private Instant nextFiring(String activationId) {
        try {
            QuartzComponent quartz = camel.getComponent("quartz", QuartzComponent.class);
            Trigger t = quartz.getScheduler() == null
                    ? null
                    : quartz.getScheduler().getTrigger(TriggerKey.triggerKey(activationId, "activations"));
            return t == null || t.getNextFireTime() == null
                    ? null
                    : t.getNextFireTime().toInstant();
        } catch (Exception e) {
            return null;
        }
    }
}
