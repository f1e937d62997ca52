package io.pinconv.activation;

import io.pinconv.ledger.DeliveredEvents;
import io.pinconv.ledger.PendingEvents;
import io.pinconv.pinterest.PinterestApi;
import io.pinconv.ledger.Rejections;
import io.pinconv.ledger.RunCounts;
import io.pinconv.ledger.Runs;
import io.pinconv.mapping.EventIds;
import io.pinconv.mapping.EventMapper;
import io.pinconv.mapping.FieldWarning;
import io.pinconv.mapping.Rejection;
import io.pinconv.mapping.RowVerdict;
import io.pinconv.pinterest.ConversionEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.camel.Variable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns a chunk of segment rows into the events to send: rows already delivered are skipped (one ledger
 * query for the whole chunk), the rest are mapped, and the rows held back are recorded with their reason,
 * the events sent without a field with a warning per field.
 */
@Component
public class ChunkPreparer {

    private final ActivationCatalog catalog;
    private final DeliveredEvents delivered;
    private final Rejections rejections;
    private final io.pinconv.ledger.FieldWarnings fieldWarnings;
    private final Runs runs;
    private final PendingEvents pending;
    private final PinterestApi api;
    private final io.pinconv.monitoring.DeliveryMetrics metrics;
    private final TransactionTemplate tx;
    private final Clock clock;

    public ChunkPreparer(ActivationCatalog catalog, DeliveredEvents delivered, Rejections rejections, Runs runs,
                         PendingEvents pending, PinterestApi api, io.pinconv.monitoring.DeliveryMetrics metrics,
                         TransactionTemplate tx, Clock clock, io.pinconv.ledger.FieldWarnings fieldWarnings) {
        this.fieldWarnings = fieldWarnings;
        this.metrics = metrics;
        this.catalog = catalog;
        this.pending = pending;
        this.api = api;
        this.delivered = delivered;
        this.rejections = rejections;
        this.runs = runs;
        this.tx = tx;
        this.clock = clock;
    }

    public List<ConversionEvent> prepare(@Variable(RunLifecycle.ACTIVATION) String activationId,
                                         @Variable(RunLifecycle.RUN_ID) long runId,
                                         @Variable(RunLifecycle.CHUNK_ORDER) ChunkOrder order,
                                         @org.apache.camel.ExchangeProperty(org.apache.camel.Exchange.SPLIT_INDEX) Integer index,
                                         List<Map<String, Object>> rows) {
        Activation activation = catalog.get(activationId);
        Instant now = clock.instant();
        List<String> ids = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            ids.add(EventIds.of(activation.mapping(), row));
        }
        List<String> distinct = ids.stream().filter(Objects::nonNull).distinct().toList();
        // claimed before the ledger is asked: a chunk beside this one records its ids before it releases them
        Set<String> free = new HashSet<>(order == null ? distinct : order.claim(index == null ? 0 : index, distinct));
        Set<String> done = new HashSet<>(delivered.alreadyDelivered(activation.destination().adAccountId(), activation.eventType(), free));
        distinct.stream().filter(id -> !free.contains(id)).forEach(done::add);

        List<ConversionEvent> events = new ArrayList<>(rows.size());
        List<Rejection> held = new ArrayList<>();
        Map<String, List<FieldWarning>> warnings = new HashMap<>();
        Set<String> seen = new HashSet<>();
        long skipped = 0;
        for (int i = 0; i < rows.size(); i++) {
            String id = ids.get(i);
            if (id != null && (done.contains(id) || !seen.add(id))) {
                skipped++;
                continue;
            }
            RowVerdict verdict = EventMapper.map(activation.mapping(), rows.get(i), id, now);
            if (verdict instanceof RowVerdict.Send send) {
                events.add(send.event());
                if (!send.warnings().isEmpty()) {
                    warnings.put(send.eventId(), send.warnings());
                }
            } else if (verdict instanceof RowVerdict.HoldBack hold) {
                held.add(hold.rejection());
            }
        }
        List<ConversionEvent> toSend = withoutUnchangedRefusals(activation, events, held);
        List<FieldWarning> sentWithout = toSend.stream().flatMap(e -> warnings.getOrDefault(e.eventId(), List.of()).stream()).toList();
        Map<String, Long> dropped = countByField(sentWithout);
        List<String> judged = new ArrayList<>(events.size() + held.size());
        events.forEach(e -> judged.add(e.eventId()));
        held.forEach(r -> judged.add(r.eventId()));
        long skippedInChunk = skipped;
        tx.executeWithoutResult(status -> {
            rejections.record(activation.id(), runId, held, now);
            pending.resolve(activation.id(), held.stream().map(Rejection::eventId).toList());
            fieldWarnings.replace(activation.id(), runId, judged, sentWithout, now);
            runs.add(runId, RunCounts.read(rows.size(), held.size(), skippedInChunk));
            runs.addFieldsDropped(runId, dropped);
        });
        held.stream().collect(java.util.stream.Collectors.groupingBy(r -> r.reason().code(), java.util.stream.Collectors.counting()))
                .forEach((reason, n) -> metrics.rejected(activation.id(), reason, n));
        dropped.forEach((field, n) -> metrics.fieldsDropped(activation.id(), field, n));
        return toSend;
    }

    private static Map<String, Long> countByField(List<FieldWarning> warnings) {
        Map<String, Long> byField = new java.util.TreeMap<>();
        warnings.forEach(w -> byField.merge(w.field(), 1L, Long::sum));
        return byField;
    }

    /** Whether a prepared chunk has events to deliver (rows all skipped or held back leave none). */
    public boolean hasEvents(List<ConversionEvent> events) {
        return !events.isEmpty();
    }

    /**
     * Pinterest refused these events before; one that would go out exactly as then is held back again
     * (with Pinterest's message), one whose row has changed is sent.
     */
    private List<ConversionEvent> withoutUnchangedRefusals(Activation activation, List<ConversionEvent> events, List<Rejection> held) {
        Map<String, Rejection> refused = new java.util.HashMap<>();
        for (Rejection r : rejections.list(activation.id(), events.stream().map(ConversionEvent::eventId).toList())) {
            if (r.reason() == io.pinconv.mapping.RejectionReason.REFUSED_BY_PINTEREST && r.payloadHash() != null) {
                refused.put(r.eventId(), r);
            }
        }
        if (refused.isEmpty()) {
            return events;
        }
        List<ConversionEvent> toSend = new ArrayList<>(events.size());
        for (ConversionEvent e : events) {
            Rejection previous = refused.get(e.eventId());
            if (previous != null && previous.payloadHash().equals(api.digest(e))) {
                held.add(previous);
            } else {
                toSend.add(e);
            }
        }
        return toSend;
    }
}
