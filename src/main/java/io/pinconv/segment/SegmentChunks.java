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
    private boolean closed;

    SegmentChunks(Stream<Map<String, Object>> rows, int chunkSize) {
        this.rows = rows;
        this.it = rows.iterator();
        this.chunkSize = chunkSize;
    }

    @Override
    public boolean hasNext() {
        // Camel's splitter may ask again after it closed the stream; a closed result set must not be touched
        return !closed && it.hasNext();
    }

    @Override
    public List<Map<String, Object>> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        List<Map<String, Object>> chunk = new ArrayList<>(chunkSize);
        while (chunk.size() < chunkSize && it.hasNext()) {
            chunk.add(it.next());
        }
        return chunk;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            rows.close();
        }
    }
}
