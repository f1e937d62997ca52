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
        };

        /** Waits until a chunk may be read; false when the reading has stopped. */
        boolean awaitRoom() throws InterruptedException;

        /** Whether the reading has stopped (the run failed): asked without waiting. */
        boolean stopped();

        /** A chunk was read. */
        void read();
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

    // synchronized: Camel's parallel splitter reads from its worker threads, one at a time.
    // hasNext never waits: the splitter asks it before it hands the chunk just read to a worker.
    @Override
    public synchronized boolean hasNext() {
        // Camel's splitter may ask again after it closed the stream; a closed result set must not be touched
        return !closed && !gate.stopped() && it.hasNext();
    }

    /** Waits for room among the chunks in flight, then reads the next chunk. */
    @Override
    public List<Map<String, Object>> next() {
        try {
            // outside the lock: close() must not wait behind a reader waiting for room
            if (!gate.awaitRoom()) {
                // the run stopped while this reader waited: an empty chunk (not counted) ends it quietly,
                // so that the run fails with the cause of its stop rather than with the reader's
                return List.of();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
        return read();
    }

    private synchronized List<Map<String, Object>> read() {
        if (closed || !it.hasNext()) {
            throw new NoSuchElementException();
        }
        List<Map<String, Object>> chunk = new ArrayList<>(chunkSize);
        while (chunk.size() < chunkSize && it.hasNext()) {
            chunk.add(it.next());
        }
        gate.read();
        return chunk;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            rows.close();
        }
    }
}
