package io.pinconv.activation;

import io.pinconv.ledger.FieldWarnings;
import io.pinconv.ledger.Rejections;
import io.pinconv.ledger.RunCounts;
import io.pinconv.ledger.Runs;
import io.pinconv.mapping.ConversionEvent;
import io.pinconv.mapping.EventMapper;
import io.pinconv.mapping.FieldWarning;
import io.pinconv.mapping.PinterestField;
import io.pinconv.mapping.Rejection;
import io.pinconv.mapping.RejectionReason;
import io.pinconv.mapping.RowVerdict;
import io.pinconv.monitoring.DeliveryMetrics;
import io.pinconv.pinterest.PinterestApi;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.Body;
import org.apache.camel.Variable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code map-batch} step: turns the rows of a chunk that skip-delivered left into the events to send, and
 * the rows to hold back (recorded by the hold-back-rows channel, with their reason); the events sent without
 * a field get a warning per field.
 */
@Component
public class ChunkPreparer {

    private final Rejections rejections;
    private final FieldWarnings fieldWarnings;
    private final Runs runs;
    private final PinterestApi api;
    private final DeliveryMetrics metrics;
    private final TransactionTemplate tx;
    private final Clock clock;

    public ChunkPreparer(
            Rejections rejections,
            Runs runs,
            PinterestApi api,
            DeliveryMetrics metrics,
            TransactionTemplate tx,
            Clock clock,
            FieldWarnings fieldWarnings) {
        this.fieldWarnings = fieldWarnings;
        this.metrics = metrics;
        this.api = api;
        this.rejections = rejections;
        this.runs = runs;
        this.tx = tx;
        this.clock = clock;
    }

    /** The batch mapped: its events to send, its rows to hold back, and what it owes until each is settled. */
    public Batch prepare(@Variable(Run.VARIABLE) Run run, @Body Batch batch) {
        Activation activation = run.activation();
        Instant now = clock.instant();
        List<Map<String, Object>> rows = batch.rows();
        List<String> ids = batch.eventIds();
        if (ids == null) {
            // without skip-delivered just before, rows the ledger holds would be sent again
            throw new IllegalStateException(
                    "activation '" + activation.id() + "': map-batch maps the rows skip-delivered left,"
                            + " and skip-delivered did not run on these rows; put it right before map-batch in the route files");
        }

        List<ConversionEvent> events = new ArrayList<>(rows.size());
        List<Rejection> held = new ArrayList<>();
        Map<String, List<FieldWarning>> warnings = new HashMap<>();
        Collection<PinterestField> fields = activation.mapping().fields();
        for (int i = 0; i < rows.size(); i++) {
            String id = ids.get(i);
            RowVerdict verdict = EventMapper.map(activation.mapping(), fields, rows.get(i), id, now);
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
        List<FieldWarning> sentWithout = warnings.isEmpty()
                ? List.of()
                : toSend.stream()
                        .flatMap(e -> warnings.getOrDefault(e.eventId(), List.of()).stream())
                        .toList();
        Map<String, Long> dropped = countByField(sentWithout);
        List<String> judged = new ArrayList<>(events.size() + held.size());
        events.forEach(e -> judged.add(e.eventId()));
        held.forEach(r -> judged.add(r.eventId()));
        long runId = run.id();
        Map<String, Integer> duplicates = batch.duplicates();
        long repeats =
                duplicates.values().stream().mapToLong(Integer::longValue).sum();
        tx.executeWithoutResult(status -> {
            fieldWarnings.replace(activation.id(), runId, judged, sentWithout, now);
            fieldWarnings.duplicates(activation.id(), runId, duplicates, now);
            runs.add(runId, RunCounts.read(batch.rowsRead(), 0, batch.rowsSkipped()));
            if (repeats > 0) {
                runs.add(runId, RunCounts.duplicates(repeats));
            }
            runs.addFieldsDropped(runId, dropped);
        });
        dropped.forEach((field, n) -> metrics.fieldsDropped(activation.id(), field, n));
        metrics.duplicates(activation.id(), repeats);
        // what the chunk now owes: each event delivered, refused or parked, each held row recorded (hold-back-rows)
        return batch.mapped(toSend, held);
    }

    private static Map<String, Long> countByField(List<FieldWarning> warnings) {
        Map<String, Long> byField = new TreeMap<>();
        warnings.forEach(w -> byField.merge(w.field(), 1L, Long::sum));
        return byField;
    }

    /** Whether a prepared chunk has events to deliver (rows all skipped or held back leave none). */
    public boolean hasEvents(@Body Batch batch) {
        return batch.hasEvents();
    }

    /**
     * Pinterest refused these events before; one that would go out exactly as then is held back again
     * (with Pinterest's message), one whose row has changed is sent.
     */
    private List<ConversionEvent> withoutUnchangedRefusals(
            Activation activation, List<ConversionEvent> events, List<Rejection> held) {
        Map<String, Rejection> refused = new HashMap<>();
        for (Rejection r : rejections.list(
                activation.id(), events.stream().map(ConversionEvent::eventId).toList())) {
            if (r.reason() == RejectionReason.REFUSED_BY_PINTEREST && r.payloadHash() != null) {
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
