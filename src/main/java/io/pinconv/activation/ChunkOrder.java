package io.pinconv.activation;

import io.pinconv.segment.SegmentBatches;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the chunks of one run, processed side by side, must agree on. It lives with the run (an
 * exchange variable its chunks share), never beyond it; what outlives a run is in PostgreSQL.
 * <ul>
 * <li>The cursor only moves past a chunk when it and every chunk read before it are settled: a chunk
 * that settles early never carries the cursor past an earlier one still in flight, or failed.</li>
 * <li>An event id is sent by one chunk at a time: a second row with the same id, in another chunk in
 * flight, is skipped as the ledger would skip it once the first is recorded.</li>
 * <li>At most {@code inParallel} chunks are in flight, and one more read ahead: reading waits for room,
 * so that memory stays flat whatever the segment's size.</li>
 * <li>A run that fails waits for its chunks in flight before it lets another run start, and only for
 * those: a chunk frees its place when its exchange is done, whatever steps the route files kept.</li>
 * </ul>
 */
public final class ChunkOrder implements SegmentBatches.Gate {

    /** position of each chunk settled beyond the contiguous prefix; null positions count too */
    private final TreeMap<Integer, Settled> settled = new TreeMap<>();

    private final Map<Integer, Set<String>> claims = new HashMap<>();
    private final Set<String> claimed = new HashSet<>();
    private final int inParallel;
    private int nextToSettle;
    /** chunks read, and chunks settled or failed: the difference is what is in memory */
    private long read;

    private long finished;
    private boolean failed;
    private Integer endedUnsettled;

    public ChunkOrder(int inParallel) {
        this.inParallel = Math.max(1, inParallel);
    }

    /**
     * Before the next chunk is read: waits while {@code inParallel} chunks are in flight and one more
     * is read ahead; answers false, and ends the reading, once a chunk of the run has failed.
     */
    @Override
    public synchronized boolean awaitRoom() throws InterruptedException {
        while (!failed && read - finished > inParallel) {
            wait(1000);
        }
        return !failed;
    }

    @Override
    public synchronized boolean stopped() {
        return failed;
    }

    /** A chunk was read: it is in flight until it settles or fails. */
    @Override
    public synchronized void read() {
        read++;
    }

    private record Settled(String position) {}

    /**
     * A chunk starts (the first step of its route): from here on it is settled or failed, or it ends unsettled
     * ({@link #ended}). A chunk that starts once the run stopped answers false and takes no place: the run
     * may already have ended, and nothing waits for it.
     */
    public synchronized boolean begin(int index) {
        if (failed && !claims.containsKey(index)) {
            return false;
        }
        claims.putIfAbsent(index, new HashSet<>());
        return true;
    }

    /**
     * The ids of the chunk's rows that no other chunk in flight is sending; these are now the chunk's. A chunk
     * that did not begin before the run stopped sends none.
     */
    public synchronized List<String> claim(int index, Collection<String> eventIds) {
        if (failed && !claims.containsKey(index)) {
            return List.of();
        }
        Set<String> mine = claims.computeIfAbsent(index, i -> new HashSet<>());
        List<String> free = new ArrayList<>(eventIds.size());
        for (String id : eventIds) {
            if (mine.contains(id) || claimed.add(id)) {
                mine.add(id);
                free.add(id);
            }
        }
        return free;
    }

    /**
     * The chunk is settled (its events in the ledger, rejected or skipped).
     *
     * @param position the cursor value of its last new row, or null
     * @return the cursor position that may now be written (the newest of the settled prefix), or null
     */
    public synchronized String settled(int index, String position) {
        release(index);
        settled.put(index, new Settled(position));
        String newest = null;
        while (!failed && settled.containsKey(nextToSettle)) {
            Settled s = settled.remove(nextToSettle++);
            if (s.position() != null) {
                newest = s.position();
            }
        }
        return newest;
    }

    /** The chunk failed: the cursor never moves past it in this run, and no more chunks are read. */
    public synchronized void failed(int index) {
        failed = true;
        release(index);
        notifyAll();
    }

    /**
     * The chunk's exchange is done, whatever steps ran. One neither settled nor failed by then (the route files
     * left out, or put under a condition, the steps that settle or fail it) counts as failed: its place is freed,
     * the cursor never moves past it, reading stops, and the run fails when it closes ({@link #endedUnsettled}).
     */
    public synchronized void ended(int index) {
        if (claims.containsKey(index)) {
            if (endedUnsettled == null) {
                endedUnsettled = index;
            }
            failed(index);
        }
    }

    /** The first chunk of the run that ended neither settled nor failed, or null. */
    public synchronized Integer endedUnsettled() {
        return endedUnsettled;
    }

    /** The run failed, or reading it did: stop reading. */
    @Override
    public synchronized void stop() {
        failed = true;
        notifyAll();
    }

    /**
     * Waits (bounded) until no chunk that began is still in flight; answers whether none is. (A chunk
     * read but never begun, when the splitter stopped, holds nothing to wait for.)
     */
    public synchronized boolean awaitIdle(Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!claims.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    private void release(int index) {
        Set<String> mine = claims.remove(index);
        if (mine == null) {
            // settled or failed already (a chunk can fail after it settled, in its progress report)
            return;
        }
        claimed.removeAll(mine);
        finished++;
        notifyAll();
    }
}
