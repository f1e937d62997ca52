package io.pinconv.activation;

import io.pinconv.mapping.ConversionEvent;
import io.pinconv.mapping.Rejection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One batch of a run (at most batch-size rows): the body of process-batch, enriched step by step. note-cursor
 * reads it from the segment (rows, place, cursor position), skip-delivered keeps the rows the ledger does not hold
 * (with their event ids), map-batch turns them into the events to send and the rows held back, and what the batch
 * owes (its settlement). deliver-batch sends it, or a half of it when Pinterest refused it whole.
 *
 * <p>An identity, not a value (no record): its halves share its settlement and halvings, and hashing a thousand
 * rows to evaluate an expression on it would cost more than the mapping.
 */
public final class Batch {

    private static final int HALVINGS_UNSET = Integer.MIN_VALUE;

    private final int index;
    private final List<Map<String, Object>> rows;
    private final String cursorPosition;
    private final List<String> eventIds;
    private final long rowsRead;
    private final long rowsSkipped;
    private final List<ConversionEvent> events;
    private final List<Rejection> heldBack;
    private final Settlement settlement;
    private final AtomicInteger halvingsLeft;
    private final Map<String, Integer> duplicates;

    private Batch(
            int index,
            List<Map<String, Object>> rows,
            String cursorPosition,
            List<String> eventIds,
            long rowsRead,
            long rowsSkipped,
            List<ConversionEvent> events,
            List<Rejection> heldBack,
            Settlement settlement,
            AtomicInteger halvingsLeft,
            Map<String, Integer> duplicates) {
        this.duplicates = duplicates;
        this.index = index;
        this.rows = rows;
        this.cursorPosition = cursorPosition;
        this.eventIds = eventIds;
        this.rowsRead = rowsRead;
        this.rowsSkipped = rowsSkipped;
        this.events = events;
        this.heldBack = heldBack;
        this.settlement = settlement;
        this.halvingsLeft = halvingsLeft;
    }

    /** As read: its rows, its place in the run's reading order, and the cursor value its last new row carries. */
    public static Batch read(int index, List<Map<String, Object>> rows, String cursorPosition) {
        return new Batch(index, rows, cursorPosition, null, rows.size(), 0, null, null, null, null, Map.of());
    }

    /** The rows the ledger does not hold, each with its event id (null where the row has none). */
    public Batch withRowsLeft(List<Map<String, Object>> left, List<String> ids) {
        return withRowsLeft(left, ids, Map.of());
    }

    /**
     * As {@link #withRowsLeft(List, List)}, and the rows skipped because another row of the run, read first, has
     * their event id: how many, by id.
     */
    public Batch withRowsLeft(List<Map<String, Object>> left, List<String> ids, Map<String, Integer> duplicates) {
        if (left.size() != ids.size()) {
            throw new IllegalArgumentException(left.size() + " rows and " + ids.size() + " event ids");
        }
        return new Batch(
                index, left, cursorPosition, ids, rowsRead, rowsRead - left.size(), null, null, null, null, duplicates);
    }

    /** Rows skipped as repeats of an event id another row of the run has, by id. */
    public Map<String, Integer> duplicates() {
        return duplicates;
    }

    /** Mapped: the events to send and the rows held back, and what the batch owes until each is settled. */
    public Batch mapped(List<ConversionEvent> toSend, List<Rejection> held) {
        return new Batch(
                index,
                rows,
                cursorPosition,
                eventIds,
                rowsRead,
                rowsSkipped,
                toSend,
                held,
                new Settlement(toSend.stream().map(ConversionEvent::eventId).toList(), held.size()),
                new AtomicInteger(HALVINGS_UNSET),
                duplicates);
    }

    /** Some of its events, sent on their own: they settle, and halve, on the batch's account. */
    public Batch withEvents(List<ConversionEvent> some) {
        return new Batch(
                index,
                rows,
                cursorPosition,
                eventIds,
                rowsRead,
                rowsSkipped,
                some,
                List.of(),
                settlement,
                halvingsLeft,
                duplicates);
    }

    public int index() {
        return index;
    }

    public List<Map<String, Object>> rows() {
        return rows;
    }

    public String cursorPosition() {
        return cursorPosition;
    }

    /** Null until skip-delivered ran. */
    public List<String> eventIds() {
        return eventIds;
    }

    public long rowsRead() {
        return rowsRead;
    }

    public long rowsSkipped() {
        return rowsSkipped;
    }

    /** Null until map-batch ran. */
    public List<ConversionEvent> events() {
        return events;
    }

    public List<Rejection> heldBack() {
        return heldBack == null ? List.of() : heldBack;
    }

    /** Null until map-batch ran. */
    public Settlement settlement() {
        return settlement;
    }

    public boolean hasEvents() {
        return events != null && !events.isEmpty();
    }

    /**
     * Takes one of the halvings the batch and its halves may make, {@code allowed} in all, when Pinterest refuses
     * a request of it whole; false once they are used up.
     */
    public boolean takeHalving(int allowed) {
        if (halvingsLeft == null) {
            return false;
        }
        halvingsLeft.compareAndSet(HALVINGS_UNSET, allowed);
        return halvingsLeft.getAndDecrement() > 0;
    }

    /** Counts only: rows hold personal data in clear, and a route file may log or send its body. */
    @Override
    public String toString() {
        return "batch " + index + " (" + rows.size() + " rows"
                + (events == null ? "" : ", " + events.size() + " events") + ")";
    }
}
