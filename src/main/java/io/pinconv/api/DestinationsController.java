package io.pinconv.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinconv.activation.DestinationCircuits;
import io.pinconv.activation.DestinationResumes;
import io.pinconv.config.ActivationProperties;
import io.pinconv.config.ConversionsProperties;
import io.pinconv.config.DestinationProperties;
import io.pinconv.ledger.AlertConditions;
import io.pinconv.ledger.DestinationStates;
import io.pinconv.ledger.EventQualityHistory;
import io.pinconv.ledger.MatchTotals;
import io.pinconv.monitoring.Alerts;
import io.pinconv.monitoring.EventQuality;
import io.pinconv.pinterest.ConnectionTests;
import io.pinconv.pinterest.NoSuchDestinationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The destinations: their connection test (POST .../test), resuming one paused by a refused token after testing it
 * (POST .../resume), and Pinterest's Event Quality Score beside the service's own match quality (GET .../quality;
 * POST .../quality fetches it now). Never a token.
 */
@RestController
@RequestMapping("/api/destinations")
public class DestinationsController {

    private static final int HISTORY_ROWS = 200;

    private final ConversionsProperties properties;
    private final ConnectionTests tests;
    private final DestinationResumes resumes;
    private final EventQuality quality;
    private final EventQualityHistory history;
    private final MatchTotals matches;
    private final ObjectMapper json;
    private final Clock clock;
    private final DestinationStates states;
    private final DestinationCircuits breakers;
    private final AlertConditions alerts;

    public DestinationsController(
            ConversionsProperties properties,
            ConnectionTests tests,
            DestinationResumes resumes,
            EventQuality quality,
            EventQualityHistory history,
            MatchTotals matches,
            ObjectMapper json,
            Clock clock,
            DestinationStates states,
            DestinationCircuits breakers,
            AlertConditions alerts) {
        this.states = states;
        this.breakers = breakers;
        this.alerts = alerts;
        this.properties = properties;
        this.tests = tests;
        this.resumes = resumes;
        this.quality = quality;
        this.history = history;
        this.matches = matches;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Each destination at a glance: live, dry run or test mode; sending, paused (Pinterest refused its token: why and
     * since when) or failing (its circuit breaker open); its rate limit; the last connection test; Pinterest's quality
     * score when it is read; the alerts in force. Never a token.
     */
    @GetMapping
    public List<Map<String, Object>> list() {
        List<AlertConditions.Open> open = alerts.open();
        List<Map<String, Object>> out = new ArrayList<>();
        properties.destinations().forEach((id, d) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("adAccountId", d.adAccountId());
            m.put("mode", d.dryRun() ? "dry run" : d.testMode() ? "test mode" : "live");
            var refusal = states.refusal(id);
            String breaker = breakers.state(id).orElse("CLOSED");
            m.put("state", refusal.isPresent() ? "paused" : "CLOSED".equals(breaker) ? "sending" : "failing");
            refusal.ifPresent(r -> {
                m.put("pausedBecause", r.message());
                m.put("pausedSince", r.refusedAt());
            });
            m.put("circuitBreaker", breaker);
            m.put("requestsPerMinute", properties.delivery().requestsPerMinute());
            m.put(
                    "connection",
                    tests.last(id)
                            .map(t ->
                                    Map.of("result", t.connection(), "message", t.message(), "testedAt", t.testedAt()))
                            .orElse(null));
            m.put("quality", pinterest(id));
            m.put(
                    "alerts",
                    open.stream()
                            .filter(o -> o.scope().equals(Alerts.DESTINATION)
                                    && o.ownerId().equals(id))
                            .toList());
            out.add(m);
        });
        return out;
    }

    /** One request with test=true (Pinterest records nothing): 200 with the result, ok or what failed and what to do. */
    @PostMapping("/{id}/test")
    public Map<String, Object> test(@PathVariable String id) {
        return result(tests.test(id));
    }

    /** Tests the destination; when the test passes its pause is cleared and its breaker closed (200), else 409. */
    @PostMapping("/{id}/resume")
    public ResponseEntity<Map<String, Object>> resume(@PathVariable String id) {
        DestinationResumes.Outcome outcome = resumes.resume(id);
        Map<String, Object> body = result(outcome.test());
        body.put("resumed", outcome.resumed());
        body.put("wasPaused", outcome.wasPaused());
        if (!outcome.resumed()) {
            body.put(
                    "error",
                    "destination '" + id + "' stays " + (outcome.wasPaused() ? "paused" : "as it is") + ": "
                            + outcome.test().message());
            return ResponseEntity.status(HttpStatus.CONFLICT).body(body);
        }
        return ResponseEntity.ok(body);
    }

    @GetMapping("/{id}/quality")
    public Map<String, Object> quality(@PathVariable String id) {
        DestinationProperties d = destination(id);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("destination", id);
        out.put("adAccountId", d.adAccountId());
        out.put("pinterest", pinterest(id));
        out.put("service", service(id));
        return out;
    }

    /** Fetches Pinterest's score now (both look-backs): 200 with the quality, 409 without an oauth-token, 502 if refused. */
    @PostMapping("/{id}/quality")
    public ResponseEntity<Map<String, Object>> fetchQuality(@PathVariable String id) {
        destination(id);
        if (!quality.readable(id)) {
            return ResponseEntity.status(HttpStatus.CONFLICT)
                    .body(Map.of(
                            "error",
                            "destination '" + id + "' has no oauth-token: set conversions.destinations." + id
                                    + ".oauth-token to an OAuth token with ads:read on its ad account"));
        }
        quality.fetchNow(id);
        return ResponseEntity.ok(quality(id));
    }

    private Map<String, Object> pinterest(String id) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("readable", quality.readable(id));
        history.fetches(id).ifPresent(f -> {
            p.put("lastFetchedAt", f.lastFetchedAt());
            p.put("nextFetchAt", f.nextFetchAt());
            if (f.lastError() != null) {
                p.put("lastError", f.lastError());
                p.put("lastErrorAt", f.lastErrorAt());
            }
        });
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, Map<String, Object>> latest = new LinkedHashMap<>();
        for (EventQualityHistory.Score s : history.history(id, HISTORY_ROWS)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("fetchedAt", s.fetchedAt());
            row.put("lookbackPeriod", s.lookbackPeriod());
            row.put("sourcePlatform", s.sourcePlatform());
            row.put("ingestionSource", s.ingestionSource());
            row.put("overallStatus", s.overallStatus());
            try {
                row.put("qualityComponents", json.readTree(s.qualityComponents()));
            } catch (Exception e) {
                row.put("qualityComponents", null);
            }
            rows.add(row);
            latest.putIfAbsent(s.lookbackPeriod() + " " + s.sourcePlatform(), row);
        }
        p.put("latest", List.copyOf(latest.values()));
        p.put("history", rows);
        return p;
    }

    /** The runs' match counts summed over the last day and 14 days, for the activations sending to the destination. */
    private Map<String, Object> service(String id) {
        List<String> activations = new ArrayList<>();
        for (Map.Entry<String, ActivationProperties> a :
                properties.activations().entrySet()) {
            if (id.equals(a.getValue().destination())) {
                activations.add(a.getKey());
            }
        }
        Instant now = clock.instant();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("activations", activations);
        for (Map.Entry<String, Duration> w :
                Map.of("1d", Duration.ofDays(1), "14d", Duration.ofDays(14)).entrySet().stream()
                        .sorted(Map.Entry.comparingByValue())
                        .toList()) {
            MatchTotals.Totals t = matches.since(activations, now.minus(w.getValue()));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("runs", t.runs());
            m.put("delivered", t.delivered());
            Map<String, Object> carried = new LinkedHashMap<>();
            t.carried().forEach((field, n) -> {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("events", n);
                c.put("share", t.delivered() == 0 ? null : Math.round(1000.0 * n / t.delivered()) / 1000.0);
                carried.put(field, c);
            });
            m.put("carried", carried);
            s.put(w.getKey(), m);
        }
        return s;
    }

    private DestinationProperties destination(String id) {
        DestinationProperties d = properties.destinations().get(id);
        if (d == null) {
            throw new NoSuchDestinationException(id);
        }
        return d;
    }

    private static Map<String, Object> result(ConnectionTests.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("destination", r.destinationId());
        m.put("connection", r.connection());
        m.put("message", r.message());
        m.put("testedAt", r.testedAt());
        m.put("status", r.status());
        return m;
    }
}
