package io.pinconv.activation;

import io.pinconv.ledger.CursorPositions;
import io.pinconv.mapping.PinterestField;
import io.pinconv.segment.SegmentBatches;
import io.pinconv.segment.SegmentQuery;
import io.pinconv.segment.SegmentRead;
import io.pinconv.segment.SegmentReads;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.component.jdbc.JdbcConstants;
import org.apache.camel.support.SynchronizationAdapter;
import org.springframework.stereotype.Component;

/**
 * The segment a run reads: the SELECT it may run on the segment's pool (query-segment), and the rows camel-jdbc
 * streams back cut into batches read only as the run has room for them (gate-reading).
 */
@Component
public class SegmentPoll {

    /**
     * Rows up to this much older than the look-back window are still read, to be held back with the
     * reason (too old) where users see it; older rows are never read, so that a long history costs nothing.
     */
    static final Duration REPORTED_BEYOND_WINDOW = Duration.ofDays(7);

    private final ActivationCatalog catalog;
    private final SegmentReads segmentReads;
    private final CursorPositions cursors;
    private final Clock clock;

    public SegmentPoll(ActivationCatalog catalog, SegmentReads segmentReads, CursorPositions cursors, Clock clock) {
        this.catalog = catalog;
        this.segmentReads = segmentReads;
        this.cursors = cursors;
        this.clock = clock;
    }

    /**
     * Puts the SELECT of the run's segment in the body and its parameters where camel-jdbc takes them
     * (CamelJdbcParameters, in order), for the poll-segment step; only this text may then be prepared on
     * segmentReads, once, until the run ends.
     */
    public void querySegment(Exchange exchange) {
        Activation activation = catalog.get(exchange.getVariable(RunLifecycle.ACTIVATION, String.class));
        SegmentQuery.Sql sql = SegmentQuery.build(read(activation));
        // the run's id in the text: pg_stat_activity tells which run is reading, and the permit is this run's alone
        String text = "/* pinterest-conversions run " + exchange.getVariable(RunLifecycle.RUN_ID, Long.class) + " */ "
                + sql.sql();
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
    public void gateReading(Exchange exchange) throws InvalidPayloadException {
        Activation activation = catalog.get(exchange.getVariable(RunLifecycle.ACTIVATION, String.class));
        Iterator<Map<String, Object>> rows = exchange.getMessage().getMandatoryBody(Iterator.class);
        Map<String, String> types = new HashMap<>(activation.columnTypes());
        if (activation.cursor() != null) {
            types.put(SegmentRead.CURSOR_KEY + "_order", activation.cursor().typeName());
        }
        exchange.getMessage()
                .setBody(new SegmentBatches(
                        rows,
                        activation.batchSize(),
                        exchange.getVariable(RunLifecycle.CHUNK_ORDER, ChunkOrder.class),
                        types));
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
                activation.mapping().context().timezone());
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
        SegmentRead.Exclusion exclusion = eventIdColumn == null || !records
                ? null
                : new SegmentRead.Exclusion(
                        eventIdColumn, activation.destination().adAccountId(), activation.eventType());
        return new SegmentRead(activation.segment(), activation.columnByField(), window, cursor, exclusion);
    }
}
