package io.pinconv.segment;

import java.io.Closeable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

/**
 * A segment being read, handed out a chunk at a time: only one chunk of rows is ever in memory,
 * whatever the size of the segment. Closing it releases the database cursor and connection.
 */
public final class SegmentChunks implements Iterator<List<Map<String, Object>>>, Closeable {

    private final Stream<Map<String, Object>> rows;
    private final Iterator<Map<String, Object>> it;
    private final int chunkSize;
    private Gate gate = Gate.OPEN;
    private boolean closed;

    /** What decides when the next chunk may be read: the chunks in flight must leave room for it. */
    public interface Gate {
        Gate OPEN = new Gate() {
            @Override
            public boolean awaitRoom() {
                return true;
            }

            @Override
            public boolean stopped() {
                return false;
            }

            @Override
            public void read() {
            }

            @Override
            public void stop() {
            }
        };

        /** Waits until a chunk may be read; false when the reading has stopped. */
        boolean awaitRoom() throws InterruptedException;

        /** Whether the reading has stopped (the run failed): asked without waiting. */
        boolean stopped();

        /** A chunk was read. */
        void read();

        /** Reading failed: no more chunks. */
        void stop();
    }

    SegmentChunks(Stream<Map<String, Object>> rows, int chunkSize) {
        this.rows = rows;
        this.it = rows.iterator();
        this.chunkSize = chunkSize;
    }

    /** Reads a chunk only when the gate lets it. */
    public SegmentChunks gatedBy(Gate gate) {
        this.gate = gate;
        return this;
    }

    // Camel's parallel splitter reads from its worker threads, one at a time. It asks hasNext right
    // after reading a chunk and before handing it to a worker: waiting there for room keeps one chunk
    // read ahead while the others are in flight. hasNext answers false, without waiting, once the
    // run has stopped, so the splitter never reads past a failure.
    @Override
    public boolean hasNext() {
        synchronized (this) {
            // Camel's splitter may ask again after it closed the stream; a closed result set must not be touched
            if (closed || !readable(it::hasNext)) {
                return false;
            }
        }
        try {
            // outside the lock: close() must not wait behind a reader waiting for room
            return gate.awaitRoom();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public List<Map<String, Object>> next() {
        return read();
    }

    private synchronized List<Map<String, Object>> read() {
        if (closed || !it.hasNext()) {
            throw new NoSuchElementException();
        }
        List<Map<String, Object>> chunk = new ArrayList<>(chunkSize);
        while (chunk.size() < chunkSize && readable(it::hasNext)) {
            chunk.add(it.next());
        }
        gate.read();
        return chunk;
    }

    /** A failure to read (the database) stops the reading for good: the splitter must not read on. */
    private boolean readable(java.util.function.BooleanSupplier hasNext) {
        try {
            return hasNext.getAsBoolean();
        } catch (RuntimeException e) {
            gate.stop();
            throw e;
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            rows.close();
        }
    }
}
