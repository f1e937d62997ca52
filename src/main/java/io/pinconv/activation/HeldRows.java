package io.pinconv.activation;

import io.pinconv.ledger.PendingEvents;
import io.pinconv.ledger.Rejections;
import io.pinconv.ledger.RunCounts;
import io.pinconv.ledger.Runs;
import io.pinconv.mapping.Rejection;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.camel.Variable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The channel for rows held back (the {@code hold-back-rows} route): each is recorded with its reason where
 * users see it (GET /api/activations/{id}/rejections), leaves the pending store, and counts as rejected.
 */
@Component
public class HeldRows {

    /** Exchange variable: the rows the mapping held back, as rejections. */
    public static final String HELD_BACK = "heldBack";

    private final Rejections rejections;
    private final PendingEvents pending;
    private final Runs runs;
    private final io.pinconv.monitoring.DeliveryMetrics metrics;
    private final TransactionTemplate tx;
    private final Clock clock;

    public HeldRows(
            Rejections rejections,
            PendingEvents pending,
            Runs runs,
            io.pinconv.monitoring.DeliveryMetrics metrics,
            TransactionTemplate tx,
            Clock clock) {
        this.rejections = rejections;
        this.pending = pending;
        this.runs = runs;
        this.metrics = metrics;
        this.tx = tx;
        this.clock = clock;
    }

    public void record(
            @Variable(RunLifecycle.ACTIVATION) String activationId,
            @Variable(RunLifecycle.RUN_ID) long runId,
            @Variable(HELD_BACK) List<Rejection> held,
            @Variable(Settlement.VARIABLE) Settlement settlement) {
        if (held == null || held.isEmpty()) {
            return;
        }
        tx.executeWithoutResult(status -> {
            rejections.record(activationId, runId, held, clock.instant());
            pending.resolve(activationId, held.stream().map(Rejection::eventId).toList());
            runs.add(runId, RunCounts.read(0, held.size(), 0));
        });
        Settlement.heldBackRecorded(settlement, held.size());
        held.stream()
                .collect(Collectors.groupingBy(r -> r.reason().code(), Collectors.counting()))
                .forEach((reason, n) -> metrics.rejected(activationId, reason, n));
    }
}
