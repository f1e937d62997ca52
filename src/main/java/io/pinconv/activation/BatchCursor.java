package io.pinconv.activation;

import io.pinconv.ledger.CursorPositions;
import io.pinconv.ledger.RunSummary;
import io.pinconv.ledger.Runs;
import io.pinconv.segment.CursorValue;
import io.pinconv.segment.SegmentRead;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Body;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Variable;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A batch's place in its run (the steps of process-batch around the mapping and the delivery): it opens its
 * place (note-cursor), settles it and moves the activation's cursor past it (advance-cursor), or fails it
 * (batch-failed); and a long run says how far it got (report-progress). What the batches of a run agree on is
 * in the run's ChunkOrder.
 */
@Component
public class BatchCursor {

    private static final Logger log = LoggerFactory.getLogger(BatchCursor.class);

    private final CursorPositions cursors;
    private final Runs runs;
    private final Clock clock;
    private final Duration progressInterval;

    public BatchCursor(
            CursorPositions cursors,
            Runs runs,
            Clock clock,
            @Value("${conversions.progress-interval:30s}") Duration progressInterval) {
        this.cursors = cursors;
        this.runs = runs;
        this.clock = clock;
        this.progressInterval = progressInterval;
    }

    /** Between chunks: a service shutting down stops its runs there, cleanly, rather than midway through a chunk. */
    public void continueUnlessStopping(CamelContext camel) {
        if (camel.isStopping()) {
            throw new RunLifecycle.ShuttingDownException();
        }
    }

    /**
     * A chunk as read: the batch, with its place in the run and the cursor value its last new row carries (for
     * {@link #advanceCursor}).
     *
     * <p>Takes the exchange, the one thing it takes it for: whatever steps the route files kept, the chunk's place
     * is freed when its exchange is done.
     */
    public Batch noteCursor(
            @Variable(Run.VARIABLE) Run run,
            @Body List<Map<String, Object>> rows,
            @ExchangeProperty(Exchange.SPLIT_INDEX) Integer splitIndex,
            Exchange exchange) {
        ChunkOrder order = run.order();
        int index = index(splitIndex);
        if (!order.begin(index)) {
            // read ahead before the run stopped: its rows are left for the next run (the cursor is behind them)
            return Batch.read(index, List.of(), null);
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                order.ended(index);
            }
        });
        // the state database casts its position back by the column's type; a source's is kept with its Java type
        boolean typed = run.activation().source() != null;
        String position = null;
        for (Map<String, Object> row : rows) {
            if (isNew(row.get(SegmentRead.NEW_KEY)) && row.get(SegmentRead.CURSOR_KEY) != null) {
                position = typed
                        ? CursorValue.encode(row.get(SegmentRead.CURSOR_KEY + "_order"))
                        : row.get(SegmentRead.CURSOR_KEY).toString();
            }
        }
        return Batch.read(index, rows, position);
    }

    /**
     * A chunk failed: no chunk after it is read, the cursor stays before it, and the failure goes on to
     * fail the run (rethrown).
     */
    public void chunkFailed(
            @Variable(Run.VARIABLE) Run run,
            @ExchangeProperty(Exchange.SPLIT_INDEX) Integer index,
            @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception cause)
            throws Exception {
        if (run != null) {
            run.order().failed(index(index));
        }
        throw cause != null ? cause : new IllegalStateException("chunk " + index(index) + " failed");
    }

    /** TRUE, or an engine's 1 for it (MariaDB and MySQL have no boolean type). */
    private static boolean isNew(Object flag) {
        return Boolean.TRUE.equals(flag) || (flag instanceof Number n && n.intValue() == 1);
    }

    private static int index(Integer splitIndex) {
        return splitIndex == null ? 0 : splitIndex;
    }

    /** Once a chunk is settled (delivered, rejected or skipped): the next run starts from its position. */
    public void advanceCursor(@Variable(Run.VARIABLE) Run run, @Body Batch batch) {
        Activation activation = run.activation();
        Settlement settlement = batch.settlement();
        String owed =
                settlement == null ? "its rows were never mapped (no map-batch step ran)" : settlement.unsettled();
        if (owed != null) {
            // the routes skipped what settles a chunk: fail it, so that the cursor stays before its rows
            throw new UnsettledChunkException("chunk " + batch.index() + " of the run is not settled: " + owed
                    + ". A step of the route files that delivers, refuses, parks or records them is missing or was skipped;"
                    + " the cursor stays before the chunk and the next run reads its rows again");
        }
        // chunks settle in any order; the cursor moves only past the settled chunks read before all others
        String position = run.order().settled(batch.index(), batch.cursorPosition());
        if (activation.cursor() != null
                && position != null
                && activation.destination().recordsDeliveries()) {
            cursors.advance(activation.id(), activation.cursor().name(), position, clock.instant());
        }
    }

    /**
     * After each chunk: a long run says how far it got, at a steady interval (one query per interval,
     * none per chunk).
     */
    public void reportProgress(@Variable(Run.VARIABLE) Run run) {
        AtomicLong last = run.progressLoggedAt();
        long now = System.nanoTime();
        long previous = last.get();
        if (now - previous < progressInterval.toNanos() || !last.compareAndSet(previous, now)) {
            return;
        }
        RunSummary s = runs.get(run.id());
        double seconds = Duration.between(s.startedAt(), clock.instant()).toMillis() / 1000.0;
        log.info(
                "Run {} of activation '{}' in progress: read {}, delivered {}, rejected {}, skipped {} after {}s ({} rows/s)",
                s.id(),
                s.activationId(),
                s.read(),
                s.delivered(),
                s.rejected(),
                s.skipped(),
                Math.round(seconds),
                seconds <= 0 ? 0 : Math.round(s.read() / seconds));
    }

    /** A chunk reached the end of its route with events or held rows nobody settled. */
    public static final class UnsettledChunkException extends IllegalStateException {
        UnsettledChunkException(String message) {
            super(message);
        }
    }
}
