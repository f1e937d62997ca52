package io.pinconv.activation;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a chunk still owes before its cursor may move past it: each event it prepared must be delivered,
 * refused (with Pinterest's words) or parked in the pending store, and each row it held back recorded with
 * its reason. The routes say which step does what, and an operator may edit them; this is the promise
 * underneath: a chunk with anything unsettled fails (its rows are read again by the next run) instead of
 * letting the cursor pass rows nobody delivered or explained.
 *
 * <p>It lives in the chunk's {@link Batch}, shared (by reference) with the halves of a refused request; the
 * chunk's steps and the error channels settle it from their threads.
 */
public final class Settlement {

    private final Set<String> events;
    private final AtomicInteger heldBack = new AtomicInteger();

    Settlement(Collection<String> toSend, int held) {
        // sized once: growing a concurrent set of 1,000 ids showed in the profile (a resize per doubling)
        events = ConcurrentHashMap.newKeySet(Math.max(16, toSend.size() * 2));
        events.addAll(toSend);
        heldBack.set(held);
    }

    /** Events delivered, refused by Pinterest, written to the dry-run output, or parked. */
    public static void settled(Settlement settlement, Collection<String> eventIds) {
        if (settlement != null) {
            settlement.events.removeAll(eventIds);
        }
    }

    /** Rows held back, now recorded with their reason. */
    public static void heldBackRecorded(Settlement settlement, int rows) {
        if (settlement != null) {
            settlement.heldBack.addAndGet(-rows);
        }
    }

    /** Null when all is settled; else what is not, in words (ids of events only: no personal data). */
    String unsettled() {
        int held = Math.max(0, heldBack.get());
        if (events.isEmpty() && held == 0) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        if (!events.isEmpty()) {
            out.append(events.size())
                    .append(" event(s) prepared but neither delivered, refused nor parked (first: ")
                    .append(events.iterator().next())
                    .append(')');
        }
        if (held > 0) {
            out.append(out.length() == 0 ? "" : " and ")
                    .append(held)
                    .append(" row(s) held back without their reason recorded");
        }
        return out.toString();
    }
}
