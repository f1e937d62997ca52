package io.pinconv.activation;

import io.pinconv.ledger.PendingEvents;
import io.pinconv.ledger.Rejections;
import io.pinconv.ledger.RunCounts;
import io.pinconv.ledger.Runs;
import io.pinconv.mapping.Rejection;
import io.pinconv.monitoring.DeliveryMetrics;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Variable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The channel for rows held back (the {@code hold-back-rows} route): each is recorded with its reason where
 * users see it (GET /api/activations/{id}/rejections), leaves the pending store, and counts as rejected (in the
 * metrics only the first time it is held back).
 */
@Component
public class HeldRows {

    private final Rejections rejections;
    private final PendingEvents pending;
    private final Runs runs;
    private final DeliveryMetrics metrics;
    private final TransactionTemplate tx;
    private final Clock clock;

    public HeldRows(
            Rejections rejections,
            PendingEvents pending,
            Runs runs,
            DeliveryMetrics metrics,
            TransactionTemplate tx,
            Clock clock) {
        this.rejections = rejections;
        this.pending = pending;
        this.runs = runs;
        this.metrics = metrics;
        this.tx = tx;
        this.clock = clock;
    }

    public void record(@Variable(Run.VARIABLE) Run run, @Body Batch batch) {
        List<Rejection> held = batch.heldBack();
        if (held.isEmpty()) {
            return;
        }
        String activationId = run.activationId();
        Map<String, Long> firstTime = tx.execute(status -> {
            Map<String, Long> first = rejections.record(activationId, run.id(), held, clock.instant());
            pending.resolve(activationId, held.stream().map(Rejection::eventId).toList());
            runs.add(
                    run.id(),
                    RunCounts.held(
                            held.size(),
                            first.values().stream().mapToLong(Long::longValue).sum()));
            return first;
        });
        Settlement.heldBackRecorded(batch.settlement(), held.size());
        // counted when first held back: a row held back again at each re-read is the same row
        firstTime.forEach((reason, n) -> metrics.rejected(activationId, reason, n));
    }
}
