package io.pinconv.activation;

import io.pinconv.config.ConversionsProperties;
import io.pinconv.ledger.ActivationStates;
import io.pinconv.ledger.DeliveredEvents;
import io.pinconv.ledger.RunLocks;
import io.pinconv.ledger.RunSummary;
import io.pinconv.ledger.Runs;
import io.pinconv.monitoring.Alerts;
import io.pinconv.monitoring.Monitors;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Variable;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * A run's record and lock: start-run takes the activation's run lock and opens the run record; finish-run and
 * fail-run close it, after the batches in flight. What a run knows is its {@link Run}, never this shared bean;
 * the segment's reading is SegmentPoll's, a batch's place BatchCursor's.
 */
@Component
public class RunLifecycle {

    /** The exchange variable a run is asked with: the activation's id (set by its trigger, or by run now). */
    public static final String ACTIVATION = "activation";

    private static final Logger log = LoggerFactory.getLogger(RunLifecycle.class);

    private final ActivationCatalog catalog;
    private final Runs runs;
    private final Clock clock;
    private final String node;
    private final RunLocks locks;
    private final ActivationStates states;
    private final int chunksInParallel;
    private final DeliveredEvents delivered;
    private final Alerts alerts;
    private final Monitors monitors;

    public RunLifecycle(
            ActivationCatalog catalog,
            Runs runs,
            RunLocks locks,
            ActivationStates states,
            Alerts alerts,
            Monitors monitors,
            Clock clock,
            @Value("${conversions.node-name:}") String nodeName,
            ConversionsProperties properties,
            DeliveredEvents delivered) {
        this.delivered = delivered;
        this.chunksInParallel = properties.delivery().chunksInParallel();
        this.alerts = alerts;
        this.monitors = monitors;
        this.catalog = catalog;
        this.runs = runs;
        this.locks = locks;
        this.states = states;
        this.clock = clock;
        this.node = nodeName == null || nodeName.isBlank() ? hostName() : nodeName;
    }

    /** Runs this instance left 'running' when it stopped (crash, kill) are closed as abandoned; their rows are pending. */
    @EventListener(ApplicationReadyEvent.class)
    public void closeRunsCutShort() {
        int closed = runs.abandon(
                node,
                "the service stopped during the run; rows not yet delivered are sent by the next run",
                clock.instant());
        if (closed > 0) {
            log.warn(
                    "{} run(s) of this instance ({}) were cut short by a stop; marked abandoned, their rows are pending",
                    closed,
                    node);
        }
    }

    /** The run does not start: another run of the activation is in progress (here or elsewhere), or it is paused. */
    public static final class RunInProgressException extends RuntimeException {
        RunInProgressException(String message) {
            super(message, null, false, false);
        }

        static RunInProgressException of(String activationId) {
            return new RunInProgressException(
                    "another run of activation '" + activationId + "' is in progress; this one is not started");
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
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "local";
        }
    }

    /**
     * Takes the activation's run lock and opens the run record: the run, for its steps and its batches (set as the
     * {@value Run#VARIABLE} variable by start-run). Another run of the activation in progress, or a pause, stops it.
     *
     * <p>Takes the exchange, the one thing it takes it for: the lock, and what the run holds after it (the segment's
     * read permit), are released when the run's exchange is done, whatever steps an edit of the route files removed.
     */
    public Run start(
            @Variable(ACTIVATION) String activationId, @Variable(Firings.VARIABLE) String firing, Exchange exchange) {
        Activation activation = catalog.get(activationId);
        if (states.isPaused(activation.id())) {
            throw new RunInProgressException("activation '" + activation.id() + "' is paused; resume it to run it");
        }
        RunLocks.Held lock = locks.tryLock(activation.id());
        if (lock == null) {
            throw RunInProgressException.of(activation.id());
        }
        List<AutoCloseable> closedAtEnd = new CopyOnWriteArrayList<>();
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                // the permit first: the lock lets the next run start
                for (int i = closedAtEnd.size() - 1; i >= 0; i--) {
                    try {
                        closedAtEnd.get(i).close();
                    } catch (Exception e) {
                        log.warn("Activation '{}': {} at the end of its run", activation.id(), RunFailures.describe(e));
                    }
                }
            }
        });
        closedAtEnd.add(lock::close);
        String startedBy = firing == null ? Firings.SCHEDULE : firing;
        long runId = runs.start(
                activation.id(),
                activation.destination().dryRun(),
                activation.destination().testMode(),
                node,
                startedBy,
                clock.instant());
        log.info(
                "Run {} of activation '{}' started ({}): reading segment {}",
                runId,
                activation.id(),
                startedBy,
                activation.segment());
        return new Run(activation, runId, startedBy, new ChunkOrder(chunksInParallel), closedAtEnd);
    }

    /** Closes a run that read its whole segment (or stopped with the service), and answers its summary. */
    public RunSummary finish(@Variable(Run.VARIABLE) Run run, CamelContext camel) {
        long runId = run.id();
        Integer unsettled = run.order().endedUnsettled();
        if (unsettled != null) {
            throw new BatchCursor.UnsettledChunkException(
                    "chunk " + unsettled + " of the run ended neither settled nor failed: the steps"
                            + " of process-batch that settle it (advance-cursor) or fail it (batch-failed) did not run for it; check"
                            + " that the route files did not put them under a condition (a filter or a choice). The cursor stays"
                            + " before the chunk and the next run reads its rows again");
        }
        // a splitter ends its iteration quietly once the service stops: the run reached here without reading
        // its whole segment, so it is not a success (what it did not read stays pending, as for any stop)
        boolean stopped = camel.isStopping();
        runs.finish(
                runId,
                stopped ? "abandoned" : "succeeded",
                stopped ? new ShuttingDownException().getMessage() : null,
                clock.instant());
        RunSummary s = runs.get(runId);
        var m = s.match();
        log.info(
                "Run {} of activation '{}' {}: read {}, {} {}, rejected {}, skipped {} (already delivered), pending {}, requests {};"
                        + " identifiers: email {}, phone {}, mobile ad id {}, ip+user agent {}, click id {}, external id {};"
                        + " fields dropped (invalid, event sent without them): {}",
                s.id(),
                s.activationId(),
                // why it stopped short, as the failed path says it: the run history has it, the log must too
                stopped ? s.status() + " (" + s.failure() + ")" : s.status(),
                s.read(),
                s.dryRun()
                        ? "written to dry-run output"
                        : s.testMode() ? "validated by Pinterest (test mode, not recorded)" : "delivered",
                s.delivered(),
                s.rejected(),
                s.skipped(),
                s.pending(),
                s.requests(),
                m.email(),
                m.phone(),
                m.mobileAdId(),
                m.ipAndUserAgent(),
                m.clickId(),
                m.externalId(),
                fieldsDropped(s));
        if (s.delivered() >= LEDGER_GROWTH_TO_ANALYZE) {
            delivered.refreshStatistics();
        }
        if ("succeeded".equals(s.status())) {
            Activation a = run.activation();
            alerts.runSucceeded(a.destinationId(), s);
            try {
                monitors.judge(new Monitors.Watched(a.id(), a.destinationId(), a.eventType(), a.monitors()), s);
            } catch (RuntimeException e) {
                // the run is done and recorded: a monitor that cannot judge it (the history unreadable, a metric
                // refused) waits for the next run, and never turns a run that succeeded into a failed one
                log.warn(
                        "Activation '{}': the monitors could not judge run {} ({})",
                        a.id(),
                        runId,
                        RunFailures.describe(e));
            }
        }
        return s;
    }

    /** "phone 12, zip 3", or "none": the log names each field an event went without, never a value. */
    static String fieldsDropped(RunSummary s) {
        if (s.fieldsDropped().isEmpty()) {
            return "none";
        }
        StringBuilder out = new StringBuilder();
        s.fieldsDropped()
                .forEach((field, n) -> out.append(out.length() == 0 ? "" : ", ")
                        .append(field)
                        .append(' ')
                        .append(n));
        return out.toString();
    }

    /**
     * Closes a run that an error cut short. Rows it did not settle stay pending: they are neither in the
     * ledger nor rejected, so the next run sends them.
     */
    public RunSummary fail(
            @Variable(ACTIVATION) String activationId,
            @Variable(Run.VARIABLE) Run run,
            @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable cause) {
        Long runId = run == null ? null : run.id();
        String reason = RunFailures.describe(cause);
        if (runId == null && RunFailures.causedBy(cause, RunInProgressException.class)) {
            log.info("Activation '{}': {}", activationId, reason);
            return null;
        }
        if (runId == null && RunFailures.causedBy(cause, WaitingForSourceException.class)) {
            // no run was opened: nothing read, nothing pending that was not before; health says what it waits for
            log.warn("Activation '{}' did not run: {}", activationId, reason);
            return null;
        }
        log.error(
                "Run {} of activation '{}' failed: {}. Rows not yet delivered stay pending and are sent by the next run",
                runId,
                activationId,
                reason);
        log.debug("Cause of the failure of run {}", runId, cause);
        if (run == null) {
            return null;
        }
        awaitChunksInFlight(run);
        try {
            runs.finish(runId, causedByShutdown(cause) ? "abandoned" : "failed", reason, clock.instant());
            RunSummary s = runs.get(runId);
            // one alert when failures start (and one when they end, see finish): the condition is kept in the database
            if ("failed".equals(s.status())) {
                alerts.runFailed(run.activation().destinationId(), s);
            }
            return s;
        } catch (DataAccessException e) {
            log.error(
                    "Run {} of activation '{}' could not be closed in the run history ({}); it is marked abandoned when this"
                            + " instance restarts",
                    runId,
                    activationId,
                    RunFailures.describe(e));
            return null;
        }
    }

    /**
     * A failed chunk stops the run while the chunks beside it finish (delivered and recorded, or
     * parked); the run ends, and lets the next one start, only after them.
     */
    private void awaitChunksInFlight(Run run) {
        ChunkOrder order = run.order();
        order.stop();
        try {
            if (!order.awaitIdle(CHUNKS_IN_FLIGHT_WAIT)) {
                log.warn(
                        "Run {}: chunks still in flight after {}; the run is closed anyway (their rows stay pending if unsettled)",
                        run.id(),
                        CHUNKS_IN_FLIGHT_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean causedByShutdown(Throwable cause) {
        return RunFailures.causedBy(cause, ShuttingDownException.class);
    }

    /** Runs that delivered this many events refresh the ledger's statistics (see DeliveredEvents). */
    static final long LEDGER_GROWTH_TO_ANALYZE = 10_000;

    /** Longer than a chunk's retries take (see delivery-policy): a chunk in flight ends well within it. */
    static final Duration CHUNKS_IN_FLIGHT_WAIT = Duration.ofMinutes(10);
}
