package io.pinconv.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pinconv.config.ConversionsProperties;
import io.pinconv.config.DestinationProperties;
import io.pinconv.ledger.EventQualityHistory;
import io.pinconv.pinterest.EventQualityApi;
import io.pinconv.pinterest.EventQualityApi.Score;
import io.pinconv.pinterest.NoSuchDestinationException;
import io.pinconv.pinterest.QualityScoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Pinterest's Event Quality Score of each destination that has an {@code oauth-token}: fetched for the 1d and 14d
 * look-backs once a day ({@code conversions.event-quality.every}; the conversions.event_quality_fetch row that an
 * instance claims keeps it once a day on a cluster; an hour after a failed fetch it is tried again) and on demand;
 * kept in the database, exported to Prometheus ({@code conversions_event_quality_status}: 0 NEEDS_IMPROVEMENT, 1
 * FAIR, 2 GOOD; {@code conversions_event_quality_coverage} per component and event type), and the {@code
 * event_quality} alert when the rating worsens (QualityTrend), once, and once more when it is back.
 */
@Component
public class EventQuality {

    public static final String ALERT = "event_quality";

    private static final Logger log = LoggerFactory.getLogger(EventQuality.class);
    /** Fetches of one look-back and platform looked at to judge a fall: over a year of daily fetches. */
    private static final int TREND_FETCHES = 400;

    /** The schedule: Spring's, for this bean alone (no other bean of the service has a @Scheduled method). */
    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    static class Schedule {}

    private final ConversionsProperties properties;
    private final EventQualityApi api;
    private final EventQualityHistory history;
    private final Alerts alerts;
    private final MeterRegistry registry;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration every;
    private final Duration retryAfter;
    private final Map<List<String>, Double> gauges = new ConcurrentHashMap<>();

    public EventQuality(
            ConversionsProperties properties,
            EventQualityApi api,
            EventQualityHistory history,
            Alerts alerts,
            MeterRegistry registry,
            ObjectMapper json,
            Clock clock,
            @Value("${conversions.event-quality.every:P1D}") Duration every,
            @Value("${conversions.event-quality.retry-after:PT1H}") Duration retryAfter) {
        this.properties = properties;
        this.api = api;
        this.history = history;
        this.alerts = alerts;
        this.registry = registry;
        this.json = json;
        this.clock = clock;
        this.every = every;
        this.retryAfter = retryAfter;
    }

    /** Every few minutes: each destination's score, when it is due; the gauges from the latest fetch kept. */
    @Scheduled(
            initialDelayString = "${conversions.event-quality.check-every:PT10M}",
            fixedDelayString = "${conversions.event-quality.check-every:PT10M}")
    public void fetchDue() {
        for (String id : properties.destinations().keySet()) {
            if (!api.readable(id)) {
                continue;
            }
            try {
                Instant now = clock.instant();
                if (history.claimDue(id, now, now.plus(retryAfter))) {
                    fetch(id);
                } else {
                    showLatest(id);
                }
            } catch (QualityScoreUnavailableException e) {
                // said and kept by fetch
            } catch (RuntimeException e) {
                log.warn("The quality score of destination '{}' could not be fetched ({})", id, e.toString());
            }
        }
    }

    /** Now, on an operator's demand: the scores of both look-backs, or why they could not be read. */
    public List<Score> fetchNow(String destinationId) {
        if (!properties.destinations().containsKey(destinationId)) {
            throw new NoSuchDestinationException(destinationId);
        }
        return fetch(destinationId);
    }

    public boolean readable(String destinationId) {
        return api.readable(destinationId);
    }

    private List<Score> fetch(String id) {
        Instant at = clock.instant();
        DestinationProperties d = properties.destinations().get(id);
        List<Score> scores = new ArrayList<>();
        try {
            for (String lookback : EventQualityApi.LOOKBACKS) {
                scores.addAll(api.fetch(id, lookback));
            }
        } catch (QualityScoreUnavailableException e) {
            history.failed(id, at, e.getMessage(), at.plus(retryAfter));
            log.warn("The quality score of destination '{}' could not be fetched: {}", id, e.getMessage());
            throw e;
        }
        history.fetched(
                id,
                d.adAccountId().strip(),
                at,
                scores.stream()
                        .map(s -> new EventQualityHistory.Score(
                                at,
                                s.lookbackPeriod(),
                                s.sourcePlatform(),
                                s.ingestionSource(),
                                s.overallStatus(),
                                s.qualityComponents().toString()))
                        .toList(),
                at.plus(every));
        show(id, scores);
        for (Score s : scores) {
            judge(id, d, s);
        }
        log.info(
                "Quality score of destination '{}' fetched: {}",
                id,
                scores.stream()
                        .map(s -> s.lookbackPeriod() + " " + s.sourcePlatform() + " " + s.overallStatus())
                        .toList());
        return scores;
    }

    private void judge(String id, DestinationProperties d, Score s) {
        QualityTrend.Verdict v =
                QualityTrend.judge(history.statuses(id, s.lookbackPeriod(), s.sourcePlatform(), TREND_FETCHES));
        if (v.latest() == null) {
            return;
        }
        String what = "Pinterest's Event Quality Score of destination '" + id + "' (ad account "
                + d.adAccountId().strip() + ", " + s.sourcePlatform() + ", last " + s.lookbackPeriod() + ")";
        String message = v.worse()
                ? what + " fell from " + v.before() + " to " + v.latest() + issues(s.qualityComponents())
                : what + " is " + v.latest() + " again";
        alerts.destinationCondition(
                ALERT, id, "overall " + s.lookbackPeriod() + " " + s.sourcePlatform(), v.worse(), message);
    }

    /** The first issues Pinterest names, for the alert: "; issues: hashed_email checkout: Low coverage, ...". */
    private static String issues(JsonNode components) {
        List<String> found = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> c = components.fields(); c.hasNext(); ) {
            Map.Entry<String, JsonNode> component = c.next();
            for (Iterator<Map.Entry<String, JsonNode>> e = component.getValue().fields(); e.hasNext(); ) {
                Map.Entry<String, JsonNode> type = e.next();
                for (JsonNode issue : type.getValue().path("issues")) {
                    found.add(component.getKey() + " " + type.getKey() + ": "
                            + issue.path("name").asText(issue.path("id").asText("?")));
                }
            }
        }
        if (found.isEmpty()) {
            return "";
        }
        return "; issues: " + String.join(", ", found.subList(0, Math.min(3, found.size())))
                + (found.size() > 3 ? " and " + (found.size() - 3) + " more" : "");
    }

    /** The gauges from the latest stored fetch (after a restart, before the next fetch is due). */
    private void showLatest(String id) {
        List<EventQualityHistory.Score> rows = history.history(id, 200);
        if (rows.isEmpty()) {
            return;
        }
        Map<String, Score> latest = new LinkedHashMap<>();
        for (EventQualityHistory.Score r : rows) {
            try {
                latest.putIfAbsent(
                        r.lookbackPeriod() + " " + r.sourcePlatform(),
                        new Score(
                                r.lookbackPeriod(),
                                r.sourcePlatform(),
                                r.ingestionSource(),
                                r.overallStatus(),
                                json.readTree(r.qualityComponents())));
            } catch (Exception e) {
                // a row that does not read: its gauges wait for the next fetch
            }
        }
        show(id, List.copyOf(latest.values()));
    }

    private void show(String id, List<Score> scores) {
        for (Score s : scores) {
            gauge(
                    "conversions.event_quality.status",
                    s.rank() < 0 ? Double.NaN : s.rank(),
                    "destination",
                    id,
                    "lookback",
                    s.lookbackPeriod(),
                    "source_platform",
                    s.sourcePlatform());
            for (Iterator<Map.Entry<String, JsonNode>> c = s.qualityComponents().fields(); c.hasNext(); ) {
                Map.Entry<String, JsonNode> component = c.next();
                for (Iterator<Map.Entry<String, JsonNode>> e =
                                component.getValue().fields();
                        e.hasNext(); ) {
                    Map.Entry<String, JsonNode> type = e.next();
                    JsonNode coverage = type.getValue().path("coverage");
                    if (coverage.isNumber()) {
                        gauge(
                                "conversions.event_quality.coverage",
                                coverage.asDouble(),
                                "destination",
                                id,
                                "lookback",
                                s.lookbackPeriod(),
                                "source_platform",
                                s.sourcePlatform(),
                                "component",
                                component.getKey(),
                                "event_type",
                                type.getKey());
                    }
                }
            }
        }
    }

    private void gauge(String name, double value, String... tags) {
        List<String> key = new ArrayList<>(List.of(tags));
        key.add(0, name);
        List<String> k = List.copyOf(key);
        if (gauges.put(k, value) == null) {
            Gauge.builder(name, () -> gauges.getOrDefault(k, Double.NaN))
                    .tags(tags)
                    .register(registry);
        }
    }
}
