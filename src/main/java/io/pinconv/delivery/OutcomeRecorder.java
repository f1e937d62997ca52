package io.pinconv.delivery;

import io.pinconv.activation.Activation;
import io.pinconv.activation.Run;
import io.pinconv.activation.RunFailures;
import io.pinconv.activation.Settlement;
import io.pinconv.ledger.DeliveredEvents;
import io.pinconv.ledger.PendingEvents;
import io.pinconv.ledger.Rejections;
import io.pinconv.ledger.RunCounts;
import io.pinconv.ledger.Runs;
import io.pinconv.mapping.ConversionEvent;
import io.pinconv.mapping.Lateness;
import io.pinconv.mapping.MatchQuality;
import io.pinconv.mapping.Rejection;
import io.pinconv.mapping.RejectionReason;
import io.pinconv.monitoring.DeliveryMetrics;
import io.pinconv.pinterest.EventOutcome;
import io.pinconv.pinterest.PinterestAnswer;
import io.pinconv.pinterest.PinterestApi;
import io.pinconv.text.SafeText;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Body;
import org.apache.camel.Variable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes Pinterest's answer for a chunk: accepted events into the ledger, refused ones into the
 * rejections with Pinterest's message, and the run's counters, all in one transaction.
 */
@Component
public class OutcomeRecorder {

    private static final Logger log = LoggerFactory.getLogger(OutcomeRecorder.class);

    private final DeliveredEvents delivered;
    private final Rejections rejections;
    private final Runs runs;
    private final PendingEvents pending;
    private final PinterestApi api;
    private final DeliveryMetrics metrics;
    private final TransactionTemplate tx;
    private final Clock clock;

    public OutcomeRecorder(
            DeliveredEvents delivered,
            Rejections rejections,
            Runs runs,
            PendingEvents pending,
            PinterestApi api,
            DeliveryMetrics metrics,
            TransactionTemplate tx,
            Clock clock) {
        this.metrics = metrics;
        this.pending = pending;
        this.api = api;
        this.delivered = delivered;
        this.rejections = rejections;
        this.runs = runs;
        this.tx = tx;
        this.clock = clock;
    }

    public void record(
            @Variable(Run.VARIABLE) Run run,
            @Variable(Request.VARIABLE) Request request,
            @Body PinterestAnswer answer) {
        List<ConversionEvent> sent = request.events();
        if (answer.isRefused() || answer.outcomes().size() != sent.size()) {
            // never settle a chunk on an answer that does not speak of each of its events
            throw new IllegalStateException("the answer for " + sent.size() + " events holds "
                    + answer.outcomes().size() + " outcomes"
                    + (answer.isRefused() ? " (" + answer.refusal() + ")" : ""));
        }
        record(run, sent, answer.outcomes());
        Settlement.settled(
                request.batch().settlement(),
                answer.outcomes().stream().map(EventOutcome::eventId).toList());
    }

    void record(Run run, List<ConversionEvent> sent, List<EventOutcome> outcomes) {
        Activation activation = run.activation();
        String activationId = activation.id();
        long runId = run.id();
        Instant now = clock.instant();
        // one pass over the answer; the maps of refusals and warnings are made only for an answer that has some
        List<String> accepted = new ArrayList<>(outcomes.size());
        List<String> answered = new ArrayList<>(outcomes.size());
        List<EventOutcome> notProcessed = new ArrayList<>();
        Map<String, String> warningById = new HashMap<>();
        long warnings = 0;
        for (EventOutcome o : outcomes) {
            answered.add(o.eventId());
            if (o.processed()) {
                accepted.add(o.eventId());
                if (o.warning() != null) {
                    warningById.put(o.eventId(), o.warning());
                }
            } else {
                notProcessed.add(o);
            }
            warnings += o.warning() != null ? 1 : 0;
        }
        MatchQuality match;
        Lateness lateness;
        List<Rejection> refused;
        Duration lateAfter = activation.monitors().lateEvents().threshold();
        if (notProcessed.isEmpty() && accepted.size() == sent.size()) {
            match = MatchQuality.of(sent);
            lateness = Lateness.of(sent, lateAfter, now);
            refused = List.of();
        } else {
            Set<String> acceptedIds = new HashSet<>(accepted);
            List<ConversionEvent> acceptedEvents =
                    sent.stream().filter(e -> acceptedIds.contains(e.eventId())).toList();
            match = MatchQuality.of(acceptedEvents);
            lateness = Lateness.of(acceptedEvents, lateAfter, now);
            Map<String, ConversionEvent> byId = new HashMap<>();
            sent.forEach(e -> byId.put(e.eventId(), e));
            refused = notProcessed.stream()
                    .map(o -> new Rejection(
                            o.eventId(),
                            RejectionReason.REFUSED_BY_PINTEREST,
                            null,
                            "Pinterest: " + o.error(),
                            byId.containsKey(o.eventId()) ? api.digest(byId.get(o.eventId())) : null))
                    .toList();
        }
        Map<String, Long> firstRefused = tx.execute(status -> {
            // in test mode Pinterest records nothing, so neither does the ledger: going live sends every row
            if (activation.destination().recordsDeliveries()) {
                delivered.record(
                        activation.destination().adAccountId(),
                        activation.eventType(),
                        activation.id(),
                        runId,
                        accepted,
                        warningById,
                        now);
                rejections.resolve(activation.id(), accepted);
            }
            Map<String, Long> first = rejections.record(activation.id(), runId, refused, now);
            pending.resolve(activation.id(), answered);
            runs.add(
                    runId,
                    RunCounts.sent(
                            accepted.size(),
                            refused.size(),
                            first.values().stream().mapToLong(Long::longValue).sum(),
                            match,
                            lateness));
            return first;
        });
        if (activation.destination().recordsDeliveries()) {
            metrics.delivered(activationId, accepted.size());
        }
        firstRefused.forEach((reason, n) -> metrics.rejected(activationId, reason, n));
        if (!refused.isEmpty() || warnings > 0) {
            log.warn(
                    "Activation '{}', run {}: Pinterest refused {} of {} events and warned about {}; first: {}",
                    activationId,
                    runId,
                    refused.size(),
                    outcomes.size(),
                    warnings,
                    outcomes.stream()
                            .filter(o -> !o.processed() || o.warning() != null)
                            .findFirst()
                            .map(o -> "event " + o.eventId() + ": "
                                    + pinterestMessage(o.processed() ? o.warning() : o.error()))
                            .orElse(""));
        }
    }

    /**
     * Pinterest's message on one event, as a log line may show it: such messages can quote the value
     * they refuse (an e-mail address sent unhashed, say), and they come from outside, so line breaks go too.
     */
    static String pinterestMessage(String message) {
        return message == null ? null : SafeText.withoutControlCharacters(RunFailures.withoutPersonalData(message));
    }
}
