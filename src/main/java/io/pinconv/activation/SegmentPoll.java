package io.pinconv.activation;

import io.pinconv.ledger.CursorPositions;
import io.pinconv.ledger.RowsToRetry;
import io.pinconv.mapping.PinterestField;
import io.pinconv.segment.CursorValue;
import io.pinconv.segment.SegmentBatches;
import io.pinconv.segment.SegmentQuery;
import io.pinconv.segment.SegmentRead;
import io.pinconv.segment.SegmentReads;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Headers;
import org.apache.camel.Variable;
import org.apache.camel.component.jdbc.JdbcConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The segment a run reads: the SELECT it may run on the segment's pool (query-segment), and the rows camel-jdbc
 * streams back cut into batches read only as the run has room for them (gate-reading).
 */
@Component
public class SegmentPoll {

    private static final Logger log = LoggerFactory.getLogger(SegmentPoll.class);

    /**
     * Rows up to this much older than the look-back window are still read, to be held back with the
     * reason (too old) where users see it; older rows are never read, so that a long history costs nothing.
     */
    static final Duration REPORTED_BEYOND_WINDOW = Duration.ofDays(7);

    /**
     * Rows held back or pending behind a source's cursor read again per run, by id: a statement of a few hundred ids
     * stays well under the engines' limits (Snowflake's 1 MB a statement).
     */
    static final int RETRIED_PER_RUN = SegmentQuery.MAX_IDS;

    private final SegmentReads segmentReads;
    private final CursorPositions cursors;
    private final RowsToRetry retries;
    private final Clock clock;

    public SegmentPoll(SegmentReads segmentReads, CursorPositions cursors, RowsToRetry retries, Clock clock) {
        this.retries = retries;
        this.segmentReads = segmentReads;
        this.cursors = cursors;
        this.clock = clock;
    }

    /**
     * The SELECT of the run's segment, for the poll-segment step, with its parameters where camel-jdbc takes them
     * (CamelJdbcParameters, in order); only this text may then be prepared on segmentReads, once, until the run
     * ends.
     */
    public String querySegment(@Variable(Run.VARIABLE) Run run, @Headers Map<String, Object> headers) {
        Activation activation = run.activation();
        SegmentRead read = read(activation);
        SegmentQuery.Sql sql = activation.source() != null
                        && read.cursor() != null
                        && read.cursor().position() != null
                ? pastTheCursor(activation, read)
                : SegmentQuery.build(read, activation.dialect());
        // the run's id in the text: pg_stat_activity tells which run is reading, and the permit is this run's alone
        String text = "/* pinterest-conversions run " + run.id() + " */ " + sql.sql();
        run.closeAtEnd(
                activation.source() == null
                        ? segmentReads.permit(text)
                        : segmentReads.permit(
                                text,
                                activation.source().pool(),
                                activation.source().fetchSize()));
        Map<String, Object> parameters = new LinkedHashMap<>();
        for (Object p : sql.params()) {
            parameters.put(Integer.toString(parameters.size() + 1), p);
        }
        headers.put(JdbcConstants.JDBC_PARAMETERS, parameters);
        return text;
    }

    /**
     * A source's segment past its cursor, with the rows held back or pending behind it. A position no run of a source
     * wrote (the activation read the service's own database before) is read as no position: the whole look-back
     * window, the ledger skipping what was delivered.
     */
    private SegmentQuery.Sql pastTheCursor(Activation activation, SegmentRead read) {
        Object from;
        try {
            from = CursorValue.from(read.cursor().position(), activation.dialect(), activation.cursorOverlap());
        } catch (IllegalArgumentException | DateTimeException e) {
            log.warn(
                    "Activation '{}': its cursor position was not written by a run of its source ({}); this run reads the"
                            + " whole look-back window",
                    activation.id(),
                    e.getMessage());
            SegmentRead.Cursor c = read.cursor();
            return SegmentQuery.build(
                    new SegmentRead(
                            read.table(),
                            read.columnByField(),
                            read.window(),
                            new SegmentRead.Cursor(c.column(), c.typeName(), null, c.eventIdColumn(), c.activationId()),
                            read.exclusion()),
                    activation.dialect());
        }
        return SegmentQuery.pastWithRetries(
                read, activation.dialect(), from, retries.ids(activation.id(), RETRIED_PER_RUN));
    }

    /**
     * Turns the rows camel-jdbc streams into the run's batches of batch-size rows, read only as ChunkOrder
     * makes room; the result set stays camel-jdbc's to close when the exchange completes.
     */
    public SegmentBatches gateReading(@Variable(Run.VARIABLE) Run run, @Body Iterator<Map<String, Object>> rows) {
        Activation activation = run.activation();
        Map<String, String> types = new HashMap<>(activation.columnTypes());
        if (activation.cursor() != null) {
            types.put(SegmentRead.CURSOR_KEY + "_order", activation.cursor().typeName());
        }
        // a source's values are read by the kind of time its engine reports for each column, not by PostgreSQL's names
        return activation.source() == null
                ? new SegmentBatches(rows, activation.batchSize(), run.order(), types)
                : SegmentBatches.byKind(rows, activation.batchSize(), run.order(), activation.timeKinds());
    }

    /**
     * What this run reads: the look-back window, past the cursor (if any), without what the ledger holds
     * (when the event id is a column and deliveries are recorded).
     */
    SegmentRead read(Activation activation) {
        String eventTimeColumn = activation.columnByField().get(PinterestField.EVENT_TIME.fieldName());
        SegmentRead.Window window = new SegmentRead.Window(
                eventTimeColumn,
                activation.columnTypes().get(PinterestField.EVENT_TIME.fieldName()),
                clock.instant().minus(activation.lookBack()).minus(REPORTED_BEYOND_WINDOW),
                activation.mapping().context().timezone(),
                activation.timeKinds().get(PinterestField.EVENT_TIME.fieldName()));
        String eventIdColumn = activation.columnByField().get(PinterestField.EVENT_ID.fieldName());
        boolean records = activation.destination().recordsDeliveries();
        SegmentRead.Cursor cursor = activation.cursor() == null
                ? null
                : new SegmentRead.Cursor(
                        activation.cursor().name(),
                        activation.cursor().typeName(),
                        records
                                ? cursors.position(
                                        activation.id(), activation.cursor().name())
                                : null,
                        eventIdColumn,
                        activation.id());
        // the ledger is joined in the state database only; a source's rows are checked batch by batch (skip-delivered)
        SegmentRead.Exclusion exclusion = eventIdColumn == null || !records || activation.source() != null
                ? null
                : new SegmentRead.Exclusion(
                        eventIdColumn, activation.destination().adAccountId(), activation.eventType());
        return new SegmentRead(activation.segment(), activation.columnByField(), window, cursor, exclusion);
    }
}
