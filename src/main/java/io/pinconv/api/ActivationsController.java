package io.pinconv.api;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.pinconv.activation.Activation;
import io.pinconv.activation.ActivationCatalog;
import io.pinconv.activation.ActivationRunner;
import io.pinconv.activation.Previews;
import io.pinconv.activation.Replays;
import io.pinconv.ledger.ActivationStates;
import io.pinconv.ledger.DestinationStates;
import io.pinconv.ledger.RunSummary;
import io.pinconv.ledger.Runs;
import java.time.Clock;
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
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.ExceptionHandler;
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
    private final JdbcTemplate jdbc;
    private final CamelContext camel;
    private final io.pinconv.monitoring.Alerts alerts;
    private final Clock clock;

    public ActivationsController(ActivationCatalog catalog, ActivationRunner runner, Runs runs, ActivationStates states,
                                 DestinationStates destinations, Previews previews, Replays replays, JdbcTemplate jdbc,
                                 CamelContext camel, io.pinconv.monitoring.Alerts alerts, Clock clock) {
        this.alerts = alerts;
        this.catalog = catalog;
        this.runner = runner;
        this.runs = runs;
        this.states = states;
        this.destinations = destinations;
        this.previews = previews;
        this.replays = replays;
        this.jdbc = jdbc;
        this.camel = camel;
        this.clock = clock;
    }

    @GetMapping
    public List<Map<String, Object>> list() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Activation a : catalog.ready()) {
            List<RunSummary> last = runs.recent(a.id(), 1);
            String state = states.isPaused(a.id()) ? "paused"
                    : destinations.refusal(a.destinationId()).isPresent() || (!last.isEmpty() && "failed".equals(last.get(0).status()))
                    ? "failing" : "active";
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", a.id());
            m.put("destination", a.destinationId());
            m.put("segment", a.segment());
            m.put("eventType", a.eventType());
            m.put("schedule", a.schedule().toString());
            m.put("state", state);
            m.put("lastRun", last.isEmpty() ? null : summary(last.get(0)));
            m.put("nextFiring", nextFiring(a.id()));
            out.add(m);
        }
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
            return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", "activation '" + id + "' is paused; resume it to run it"));
        }
        RunSummary run = runner.runNow(id);
        if (run == null) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", "another run of activation '" + id + "' is in progress"));
        }
        return ResponseEntity.ok(summary(run));
    }

    @GetMapping("/{id}/runs")
    public List<Map<String, Object>> history(@PathVariable String id, @RequestParam(defaultValue = "20") int limit) {
        catalog.get(id);
        return runs.recent(id, Math.max(1, Math.min(limit, 500))).stream().map(this::summary).toList();
    }

    @GetMapping("/{id}/rejections")
    public Map<String, Object> rejections(@PathVariable String id, @RequestParam(required = false) String reason,
                                          @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return page("rejections", "conversions.rejection",
                "event_id AS \"eventId\", reason, field, message, first_seen AS \"firstSeen\", last_seen AS \"lastSeen\"",
                "reason", "last_seen DESC, event_id", id, reason, page, size);
    }

    /** The fields events were sent without, per event, newest first; {@code field} narrows to one field. */
    @GetMapping("/{id}/warnings")
    public Map<String, Object> warnings(@PathVariable String id, @RequestParam(required = false) String field,
                                        @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return page("warnings", "conversions.field_warning",
                "event_id AS \"eventId\", field, reason, message, run_id AS \"runId\", seen_at AS \"seenAt\"",
                "field", "seen_at DESC, event_id, field", id, field, page, size);
    }

    /**
     * One page of an activation's rows of a state table, with the total, optionally narrowed on one column.
     * The SQL pieces are this class's constants; only the values are the caller's.
     */
    private Map<String, Object> page(String key, String table, String columns, String filterColumn, String order, String id,
                                     String filter, int page, int size) {
        catalog.get(id);
        int s = Math.max(1, Math.min(size, 500));
        String where = " WHERE activation_id = ? AND (CAST(? AS varchar) IS NULL OR " + filterColumn + " = ?)";
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT " + columns + " FROM " + table + where + " ORDER BY " + order
                + " LIMIT ? OFFSET ?", id, filter, filter, s, (long) Math.max(0, page) * s);
        Long total = jdbc.queryForObject("SELECT count(*) FROM " + table + where, Long.class, id, filter, filter);
        return Map.of("page", page, "size", s, "total", total, key, rows);
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
        catalog.get(id);
        states.setPaused(id, false, null, clock.instant());
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
        int n = request.eventIds() != null ? replays.resendEvents(id, request.eventIds(), request.reason())
                : replays.resendRange(id, request.from(), request.to(), request.reason());
        return Map.of("id", id, "toResend", n);
    }

    @PostMapping("/{id}/backfill")
    public Map<String, Object> backfill(@PathVariable String id) {
        replays.backfill(id, "requested through the API");
        return Map.of("id", id, "backfill", "the next run reads the whole look-back window");
    }

    /** A body that is not a JSON object (or none at all): say what the endpoints take rather than a bare 400. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ResponseEntity<Map<String, String>> unreadableBody(HttpMessageNotReadableException e) {
        if (e.getMostSpecificCause() instanceof StreamConstraintsException limit) {
            // e.g. "Document nesting depth (17) exceeds the maximum allowed (16, from `StreamReadConstraints...`)"
            String what = limit.getOriginalMessage().replaceAll(", from `[^`]*`", "");
            return ResponseEntity.badRequest().body(Map.of("error", "the body goes past what the API reads: " + what));
        }
        return ResponseEntity.badRequest().body(Map.of("error", "the body must be a JSON object, e.g. {\"eventIds\": [\"A-1001\"],"
                + " \"reason\": \"...\"} or {\"from\": \"2026-11-30T00:00:00Z\", \"to\": \"2026-12-01T00:00:00Z\"}"));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    public ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException e) {
        HttpStatus status = e.getMessage() != null && e.getMessage().startsWith("no activation") ? HttpStatus.NOT_FOUND
                : e.getMessage() != null && e.getMessage().contains("misconfigured") ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
        return ResponseEntity.status(status).body(Map.of("error", e.getMessage()));
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
        Map<String, Long> byReason = new LinkedHashMap<>();
        jdbc.query("SELECT reason, count(*) FROM conversions.rejection WHERE last_run_id = ? GROUP BY reason ORDER BY reason",
                rs -> {
                    byReason.put(rs.getString(1), rs.getLong(2));
                }, r.id());
        m.put("rejectedByReason", byReason);
        m.put("fieldsDropped", r.fieldsDropped());
        m.put("pending", r.pending());
        m.put("skipped", r.skipped());
        m.put("requests", r.requests());
        m.put("requestsByStatus", runs.requestsByStatus(r.id()));
        m.put("failure", r.failure());
        m.put("matchQuality", r.match());
        return m;
    }

    private Instant nextFiring(String activationId) {
        try {
            QuartzComponent quartz = camel.getComponent("quartz", QuartzComponent.class);
            Trigger t = quartz.getScheduler() == null ? null : quartz.getScheduler().getTrigger(TriggerKey.triggerKey(activationId, "activations"));
            return t == null || t.getNextFireTime() == null ? null : t.getNextFireTime().toInstant();
        } catch (Exception e) {
            return null;
        }
    }
}
