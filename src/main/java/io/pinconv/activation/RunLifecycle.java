package io.pinconv.activation;

import io.pinconv.ledger.CursorPositions;
import io.pinconv.ledger.RunLocks;
import io.pinconv.ledger.RunSummary;
import io.pinconv.mapping.PinterestField;
import io.pinconv.segment.SegmentRead;
import java.util.List;
import java.util.Map;
import io.pinconv.ledger.Runs;
import io.pinconv.segment.SegmentBatches;
import io.pinconv.segment.SegmentQuery;
import io.pinconv.segment.SegmentReads;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import org.apache.camel.component.jdbc.JdbcConstants;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The steps that open and close a run: its record in the run history, and the segment stream that
 * feeds it. Per-run context lives in exchange variables, never in this shared bean.
 */
@Component
public class RunLifecycle {

    /** Exchange variables the routes and beans share. */
    public static final String ACTIVATION = "activation";
    public static final String RUN_ID = "runId";
    static final String CHUNK_CURSOR = "chunkCursor";
    public static final String CHUNK_ORDER = "chunkOrder";
    static final String PROGRESS = "progressLoggedAt";

    /**
     * Rows up to this much older than the look-back window are still read, to be held back with the
     * reason (too old) where users see it; older rows are never read, so that a long history costs nothing.
     */
    static final java.time.Duration REPORTED_BEYOND_WINDOW = java.time.Duration.ofDays(7);

    private static final Logger log = LoggerFactory.getLogger(RunLifecycle.class);

    private final ActivationCatalog catalog;
    private final SegmentReads segmentReads;
    private final io.pinconv.ledger.Runs runs;
    private final Clock clock;
    private final String node;
    private final CursorPositions cursors;
    private final RunLocks locks;
    private final io.pinconv.ledger.ActivationStates states;
    private final java.time.Duration progressInterval;
    private final int chunksInParallel;
    private final io.pinconv.ledger.DeliveredEvents delivered;
    private final io.pinconv.monitoring.Alerts alerts;

    public RunLifecycle(ActivationCatalog catalog, SegmentReads segmentReads, Runs runs, CursorPositions cursors, RunLocks locks,
                        io.pinconv.ledger.ActivationStates states, io.pinconv.monitoring.Alerts alerts, Clock clock,
                        @org.springframework.beans.factory.annotation.Value("${conversions.node-name:}") String nodeName,
                        @org.springframework.beans.factory.annotation.Value("${conversions.progress-interval:30s}") java.time.Duration progressInterval,
                        io.pinconv.config.ConversionsProperties properties, io.pinconv.ledger.DeliveredEvents delivered) {
        this.delivered = delivered;
        this.progressInterval = progressInterval;
        this.chunksInParallel = properties.delivery().chunksInParallel();
        this.alerts = alerts;
        this.catalog = catalog;
        this.segmentReads = segmentReads;
        this.runs = runs;
        this.cursors = cursors;
        this.locks = locks;
        this.states = states;
        this.clock = clock;
        this.node = nodeName == null || nodeName.isBlank() ? hostName() : nodeName;
    }

    /** Runs this instance left 'running' when it stopped (crash, kill) are closed as abandoned; their rows are pending. */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    public void closeRunsCutShort() {
        int closed = runs.abandon(node, "the service stopped during the run; rows not yet delivered are sent by the next run",
                clock.instant());
        if (closed > 0) {
            log.warn("{} run(s) of this instance ({}) were cut short by a stop; marked abandoned, their rows are pending", closed, node);
        }
    }

    /** Between chunks: a service shutting down stops its runs there, cleanly, rather than midway through a chunk. */
    public void continueUnlessStopping(Exchange exchange) {
        if (exchange.getContext().isStopping()) {
            throw new ShuttingDownException();
        }
    }

    /** The run does not start: another run of the activation is in progress (here or elsewhere), or it is paused. */
    public static final class RunInProgressException extends RuntimeException {
        RunInProgressException(String message) {
            super(message, null, false, false);
        }

        static RunInProgressException of(String activationId) {
            return new RunInProgressException("another run of activation '" + activationId + "' is in progress; this one is not started");
        }
    }

    /** A chunk reached the end of its route with events or held rows nobody settled. */
    public static final class UnsettledChunkException extends IllegalStateException {
        UnsettledChunkException(String message) {
            super(message);
        }
    }

    /** The run stopped because the service is stopping. */
    public static final class ShuttingDownException extends RuntimeException {
        ShuttingDownException() {
            super("the service is shutting down; rows not yet delivered stay pending", null, false, false);
        }
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "local";
        }
    }

    /** Records the run as started and keeps its id in the exchange; another run of the activation in progress stops it. */
    public void start(Exchange exchange) {
        Activation activation = catalog.get(exchange.getVariable(ACTIVATION, String.class));
        if (states.isPaused(activation.id())) {
            throw new RunInProgressException("activation '" + activation.id() + "' is paused; resume it to run it");
        }
        RunLocks.Held lock = locks.tryLock(activation.id());
        if (lock == null) {
            throw RunInProgressException.of(activation.id());
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                lock.close();
            }
        });
        long runId = runs.start(activation.id(), activation.destination().dryRun(), activation.destination().testMode(),
                node, clock.instant());
        exchange.setVariable(RUN_ID, runId);
        exchange.setVariable(PROGRESS, new java.util.concurrent.atomic.AtomicLong(System.nanoTime()));
        exchange.setVariable(CHUNK_ORDER, new ChunkOrder(chunksInParallel));
        log.info("Run {} of activation '{}' started: reading segment {}", runId, activation.id(), activation.segment());
    }

    /**
     * Puts the SELECT of the run's segment in the body and its parameters where camel-jdbc takes them
     * (CamelJdbcParameters, in order), for the poll-segment step; only this text may then be prepared on
     * segmentReads, once, until the run ends.
     */
    public void querySegment(Exchange exchange) {
        Activation activation = catalog.get(exchange.getVariable(ACTIVATION, String.class));
        SegmentQuery.Sql sql = SegmentQuery.build(read(activation));
        // the run's id in the text: pg_stat_activity tells which run is reading, and the permit is this run's alone
        String text = "/* pinterest-conversions run " + exchange.getVariable(RUN_ID, Long.class) + " */ " + sql.sql();
        SegmentReads.Permit permit = segmentReads.permit(text);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                permit.close();
            }
        });
        Map<String, Object> parameters = new LinkedHashMap<>();
        for (Object p : sql.params()) {
            parameters.put(Integer.toString(parameters.size() + 1), p);
        }
        exchange.getMessage().setBody(text);
        exchange.getMessage().setHeader(JdbcConstants.JDBC_PARAMETERS, parameters);
    }

    /**
     * Turns the rows camel-jdbc streams into the run's batches of batch-size rows, read only as ChunkOrder
     * makes room; the result set stays camel-jdbc's to close when the exchange completes.
     */
    @SuppressWarnings("unchecked")
    public void gateReading(Exchange exchange) throws org.apache.camel.InvalidPayloadException {
        Activation activation = catalog.get(exchange.getVariable(ACTIVATION, String.class));
        Iterator<Map<String, Object>> rows = exchange.getMessage().getMandatoryBody(Iterator.class);
        Map<String, String> types = new HashMap<>(activation.columnTypes());
        if (activation.cursor() != null) {
            types.put(SegmentRead.CURSOR_KEY + "_order", activation.cursor().typeName());
        }
        exchange.getMessage().setBody(new SegmentBatches(rows, activation.batchSize(),
                exchange.getVariable(CHUNK_ORDER, ChunkOrder.class), types));
    }

    /**
     * What this run reads: the look-back window, past the cursor (if any), without what the ledger holds
     * (when the event id is a column and deliveries are recorded).
     */
    SegmentRead read(Activation activation) {
        String eventTimeColumn = activation.columnByField().get(PinterestField.EVENT_TIME.fieldName());
        SegmentRead.Window window = new SegmentRead.Window(eventTimeColumn,
                activation.columnTypes().get(PinterestField.EVENT_TIME.fieldName()),
                clock.instant().minus(activation.lookBack()).minus(REPORTED_BEYOND_WINDOW), activation.mapping().context().timezone());
        String eventIdColumn = activation.columnByField().get(PinterestField.EVENT_ID.fieldName());
        boolean records = activation.destination().recordsDeliveries();
        SegmentRead.Cursor cursor = activation.cursor() == null ? null : new SegmentRead.Cursor(activation.cursor().name(),
                activation.cursor().typeName(), records ? cursors.position(activation.id(), activation.cursor().name()) : null,
                eventIdColumn, activation.id());
        SegmentRead.Exclusion exclusion = eventIdColumn == null || !records ? null
                : new SegmentRead.Exclusion(eventIdColumn, activation.destination().adAccountId(), activation.eventType());
        return new SegmentRead(activation.segment(), activation.columnByField(), window, cursor, exclusion);
    }

    /** Before a chunk is mapped: the cursor value its last new row carries, kept for {@link #advanceCursor}. */
    @SuppressWarnings("unchecked")
    public void noteCursor(Exchange exchange) {
        ChunkOrder order = exchange.getVariable(CHUNK_ORDER, ChunkOrder.class);
        int index = chunkIndex(exchange);
        if (order.begin(index)) {
            // whatever steps the route files kept, the chunk's place is freed when its exchange is done
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    order.ended(index);
                }
            });
        } else {
            // read ahead before the run stopped: its rows are left for the next run (the cursor is behind them)
            exchange.getMessage().setBody(List.of());
        }
        List<Map<String, Object>> rows = exchange.getMessage().getBody(List.class);
        String position = null;
        for (Map<String, Object> row : rows) {
            if (Boolean.TRUE.equals(row.get(SegmentRead.NEW_KEY)) && row.get(SegmentRead.CURSOR_KEY) != null) {
                position = row.get(SegmentRead.CURSOR_KEY).toString();
            }
        }
        exchange.setVariable(CHUNK_CURSOR, position);
    }

    /**
     * A chunk failed: no chunk after it is read, the cursor stays before it, and the failure goes on to
     * fail the run (rethrown).
     */
    public void chunkFailed(Exchange exchange) throws Exception {
        ChunkOrder order = exchange.getVariable(CHUNK_ORDER, ChunkOrder.class);
        if (order != null) {
            order.failed(chunkIndex(exchange));
        }
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        throw cause != null ? cause : new IllegalStateException("chunk " + chunkIndex(exchange) + " failed");
    }

    /** The chunk's place in the run's reading order (the splitter's index). */
    static int chunkIndex(Exchange exchange) {
        Integer index = exchange.getProperty(Exchange.SPLIT_INDEX, Integer.class);
        return index == null ? 0 : index;
    }

    /** Once a chunk is settled (delivered, rejected or skipped): the next run starts from its position. */
    public void advanceCursor(Exchange exchange) {
        Activation activation = catalog.get(exchange.getVariable(ACTIVATION, String.class));
        Settlement settlement = exchange.getVariable(Settlement.VARIABLE, Settlement.class);
        String owed = settlement == null ? "its rows were never mapped (no map-batch step ran)" : settlement.unsettled();
        if (owed != null) {
            // the routes skipped what settles a chunk: fail it, so that the cursor stays before its rows
            throw new UnsettledChunkException("chunk " + chunkIndex(exchange) + " of the run is not settled: " + owed
                    + ". A step of the route files that delivers, refuses, parks or records them is missing or was skipped;"
                    + " the cursor stays before the chunk and the next run reads its rows again");
        }
        // chunks settle in any order; the cursor moves only past the settled chunks read before all others
        String position = exchange.getVariable(CHUNK_ORDER, ChunkOrder.class)
                .settled(chunkIndex(exchange), exchange.getVariable(CHUNK_CURSOR, String.class));
        if (activation.cursor() != null && position != null && activation.destination().recordsDeliveries()) {
            cursors.advance(activation.id(), activation.cursor().name(), position, clock.instant());
        }
    }

    /**
     * After each chunk: a long run says how far it got, at a steady interval (one query per interval,
     * none per chunk).
     */
    public void reportProgress(Exchange exchange) {
        java.util.concurrent.atomic.AtomicLong last = exchange.getVariable(PROGRESS, java.util.concurrent.atomic.AtomicLong.class);
        long now = System.nanoTime();
        long previous = last == null ? now : last.get();
        if (last == null || now - previous < progressInterval.toNanos() || !last.compareAndSet(previous, now)) {
            return;
        }
        RunSummary s = runs.get(exchange.getVariable(RUN_ID, Long.class));
        double seconds = java.time.Duration.between(s.startedAt(), clock.instant()).toMillis() / 1000.0;
        log.info("Run {} of activation '{}' in progress: read {}, delivered {}, rejected {}, skipped {} after {}s ({} rows/s)",
                s.id(), s.activationId(), s.read(), s.delivered(), s.rejected(), s.skipped(), Math.round(seconds),
                seconds <= 0 ? 0 : Math.round(s.read() / seconds));
    }

    public RunSummary finish(Exchange exchange) {
        long runId = exchange.getVariable(RUN_ID, Long.class);
        Integer unsettled = exchange.getVariable(CHUNK_ORDER, ChunkOrder.class).endedUnsettled();
        if (unsettled != null) {
            throw new UnsettledChunkException("chunk " + unsettled + " of the run ended neither settled nor failed: the steps"
                    + " of process-batch that settle it (advance-cursor) or fail it (batch-failed) did not run for it; check"
                    + " that the route files did not put them under a condition (a filter or a choice). The cursor stays"
                    + " before the chunk and the next run reads its rows again");
        }
        // a splitter ends its iteration quietly once the service stops: the run reached here without reading
        // its whole segment, so it is not a success (what it did not read stays pending, as for any stop)
        boolean stopped = exchange.getContext().isStopping();
        runs.finish(runId, stopped ? "abandoned" : "succeeded", stopped ? new ShuttingDownException().getMessage() : null,
                clock.instant());
        RunSummary s = runs.get(runId);
        var m = s.match();
        log.info("Run {} of activation '{}' {}: read {}, {} {}, rejected {}, skipped {} (already delivered), pending {}, requests {};"
                        + " identifiers: email {}, phone {}, mobile ad id {}, ip+user agent {}, click id {}, external id {};"
                        + " fields dropped (invalid, event sent without them): {}",
                s.id(), s.activationId(), s.status(), s.read(),
                s.dryRun() ? "written to dry-run output" : s.testMode() ? "validated by Pinterest (test mode, not recorded)" : "delivered",
                s.delivered(), s.rejected(), s.skipped(), s.pending(), s.requests(),
                m.email(), m.phone(), m.mobileAdId(), m.ipAndUserAgent(), m.clickId(), m.externalId(), fieldsDropped(s));
        if (s.delivered() >= LEDGER_GROWTH_TO_ANALYZE) {
            delivered.refreshStatistics();
        }
        String destinationId = catalog.get(s.activationId()).destinationId();
        alerts.runEnded(destinationId, s);
        if (runs.previousOutcome(s.activationId(), runId).filter("failed"::equals).isPresent()) {
            alerts.runRecovered(destinationId, s);
        }
        exchange.getMessage().setBody(s);
        return s;
    }

    /** "phone 12, zip 3", or "none": the log names each field an event went without, never a value. */
    static String fieldsDropped(RunSummary s) {
        if (s.fieldsDropped().isEmpty()) {
            return "none";
        }
        StringBuilder out = new StringBuilder();
        s.fieldsDropped().forEach((field, n) -> out.append(out.length() == 0 ? "" : ", ").append(field).append(' ').append(n));
        return out.toString();
    }

    /**
     * Closes a run that an error cut short. Rows it did not settle stay pending: they are neither in the
     * ledger nor rejected, so the next run sends them.
     */
    public RunSummary fail(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (cause == null) {
            cause = exchange.getException();
        }
        String activationId = exchange.getVariable(ACTIVATION, String.class);
        Long runId = exchange.getVariable(RUN_ID, Long.class);
        String reason = describe(cause);
        if (runId == null && causedBy(cause, RunInProgressException.class)) {
            log.info("Activation '{}': {}", activationId, reason);
            return null;
        }
        log.error("Run {} of activation '{}' failed: {}. Rows not yet delivered stay pending and are sent by the next run",
                runId, activationId, reason);
        awaitChunksInFlight(exchange, runId);
        log.debug("Cause of the failure of run {}", runId, cause);
        if (runId == null) {
            return null;
        }
        try {
            runs.finish(runId, causedByShutdown(cause) ? "abandoned" : "failed", reason, clock.instant());
            RunSummary s = runs.get(runId);
            // one alert when failures start (and one when they end, see finish); not one per scheduled run
            if ("failed".equals(s.status())
                    && runs.previousOutcome(activationId, runId).filter("failed"::equals).isEmpty()) {
                alerts.runFailed(catalog.get(activationId).destinationId(), s);
            }
            exchange.getMessage().setBody(s);
            return s;
        } catch (org.springframework.dao.DataAccessException e) {
            log.error("Run {} of activation '{}' could not be closed in the run history ({}); it is marked abandoned when this"
                    + " instance restarts", runId, activationId, describe(e));
            return null;
        }
    }

    /**
     * A failed chunk stops the run while the chunks beside it finish (delivered and recorded, or
     * parked); the run ends, and lets the next one start, only after them.
     */
    private void awaitChunksInFlight(Exchange exchange, Long runId) {
        ChunkOrder order = exchange.getVariable(CHUNK_ORDER, ChunkOrder.class);
        if (order == null) {
            return;
        }
        order.stop();
        try {
            if (!order.awaitIdle(CHUNKS_IN_FLIGHT_WAIT)) {
                log.warn("Run {}: chunks still in flight after {}; the run is closed anyway (their rows stay pending if unsettled)",
                        runId, CHUNKS_IN_FLIGHT_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs that delivered this many events refresh the ledger's statistics (see DeliveredEvents). */
    static final long LEDGER_GROWTH_TO_ANALYZE = 10_000;

    /** Longer than a chunk's retries take (see delivery-policy): a chunk in flight ends well within it. */
    static final java.time.Duration CHUNKS_IN_FLIGHT_WAIT = java.time.Duration.ofMinutes(10);

    /**
     * The cause in words a user can act on: Pinterest's answer when it was one, else the innermost
     * message (Camel wraps a chunk's failure in a splitter exception that says nothing useful).
     */
    private static boolean causedByShutdown(Throwable cause) {
        return causedBy(cause, ShuttingDownException.class);
    }

    private static boolean causedBy(Throwable cause, Class<? extends Throwable> type) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    public static String describe(Throwable cause) {
        if (cause == null) {
            return "unknown error";
        }
        Throwable innermost = cause;
        boolean database = false;
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof io.pinconv.pinterest.PinterestException) {
                return t.getMessage();
            }
            if (t instanceof io.github.resilience4j.circuitbreaker.CallNotPermittedException) {
                // Resilience4j names the breaker (deliver-to-<destination>-breaker): say what it means
                return "the circuit breaker " + t.getMessage().replaceFirst("^CircuitBreaker ", "")
                        + ": the destination failed repeatedly; calls resume after its breaker.wait-in-open";
            }
            database |= t instanceof java.sql.SQLException || t instanceof org.springframework.dao.DataAccessException;
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                innermost = t;
            }
        }
        String message = innermost.getMessage() == null ? "" : innermost.getMessage().lines().findFirst().orElse("");
        message = message.isBlank() ? innermost.getClass().getSimpleName() : message;
        message = withoutPersonalData(message);
        return database ? "the database failed (" + message + ")" : message;
    }

    private static final java.util.regex.Pattern DATABASE_VALUE = java.util.regex.Pattern.compile(
            "((?:invalid input (?:syntax|value) for [\\w ]+|value too long for [\\w ]+|out of range for [\\w ]+)[^\"]*)\"[^\"]*\"");
    private static final java.util.regex.Pattern EMAIL = java.util.regex.Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");

    /**
     * A failure's message goes to the log, the run history and alert webhooks: a segment's values that
     * a database error quotes (PostgreSQL's "invalid input syntax for type ...: \"value\"") and
     * anything shaped like an e-mail address are masked.
     */
    public static String withoutPersonalData(String message) {
        String masked = DATABASE_VALUE.matcher(message).replaceAll("$1\"<masked>\"");
        return EMAIL.matcher(masked).replaceAll("<masked e-mail>");
    }
}
