package io.pinconv.segment;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The rows camel-jdbc streams (its StreamList: a one-shot iterator over an open cursor), handed to the
 * splitter a batch at a time, and only when the gate has room: the splitter reads ahead of its workers as
 * fast as they take batches, so without the gate a slow Pinterest would let the whole segment pile up in
 * memory. The cursor itself is closed by camel-jdbc when the run's exchange completes, however it ends.
 *
 * <p>Batches are made here, not by {@code ${collate(N)}}: simple's collate takes a number written in the route,
 * and the batch size belongs to each activation (1 to 1000) while one route runs them all.
 */
public final class SegmentBatches implements Iterator<List<Map<String, Object>>> {

    /** What decides when the next batch may be read: the batches in flight must leave room for it. */
    public interface Gate {

        /** Waits until a batch may be read; false when the reading has stopped. */
        boolean awaitRoom() throws InterruptedException;

        /** Whether the reading has stopped (the run failed): asked without waiting. */
        boolean stopped();

        /** A batch was read. */
        void read();

        /** Reading failed: no more batches. */
        void stop();
    }

    private final Iterator<Map<String, Object>> rows;
    private final int batchSize;
    private final Gate gate;
    private final Map<String, String> typeByKey;
    private final Map<String, TimeKind> kindByKey;
    private boolean failed;

    /**
     * @param typeByKey the database type of each key of a row (field names, and the cursor's keys), for the
     *                  values the driver gives in one Java type for several column types (see RowValues)
     */
    public SegmentBatches(Iterator<Map<String, Object>> rows, int batchSize, Gate gate, Map<String, String> typeByKey) {
        this(rows, batchSize, gate, typeByKey, null);
    }

    private SegmentBatches(
            Iterator<Map<String, Object>> rows,
            int batchSize,
            Gate gate,
            Map<String, String> typeByKey,
            Map<String, TimeKind> kindByKey) {
        this.rows = rows;
        this.batchSize = batchSize;
        this.gate = gate;
        this.typeByKey = typeByKey;
        this.kindByKey = kindByKey;
    }

    /**
     * The batches of a segment in a source, its values converted by the kind of time of each key (see
     * RowValues.convertByKind).
     */
    public static SegmentBatches byKind(
            Iterator<Map<String, Object>> rows, int batchSize, Gate gate, Map<String, TimeKind> kindByKey) {
        return new SegmentBatches(rows, batchSize, gate, Map.of(), kindByKey);
    }

    // Camel's parallel splitter asks hasNext from its workers, one at a time, right after taking a batch and
    // before handing it on: waiting there keeps one batch read ahead while the others are in flight. Once
    // the run has stopped (a batch failed) it answers false without waiting, so nothing is read past a failure.
    @Override
    public boolean hasNext() {
        synchronized (this) {
            if (failed || gate.stopped() || !readable()) {
                return false;
            }
        }
        try {
            return gate.awaitRoom();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public synchronized List<Map<String, Object>> next() {
        if (failed || !readable()) {
            throw new NoSuchElementException();
        }
        List<Map<String, Object>> batch = new ArrayList<>(batchSize);
        try {
            while (batch.size() < batchSize && rows.hasNext()) {
                batch.add(
                        kindByKey == null
                                ? RowValues.convert(rows.next(), typeByKey)
                                : RowValues.convertByKind(rows.next(), kindByKey));
            }
        } catch (RuntimeException e) {
            throw stop(e);
        }
        gate.read();
        return batch;
    }

    private boolean readable() {
        try {
            return rows.hasNext();
        } catch (RuntimeException e) {
            throw stop(e);
        }
    }

    /** A failure to read (the database went away) ends the reading for good: the splitter must not read on. */
    private RuntimeException stop(RuntimeException e) {
        failed = true;
        gate.stop();
        return new SegmentReadException("reading the segment failed", e);
    }

    /** The segment could not be read to its end; the cause says why (an SQLException for the database). */
    public static final class SegmentReadException extends RuntimeException {
        SegmentReadException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
