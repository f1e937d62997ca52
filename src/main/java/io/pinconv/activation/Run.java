package io.pinconv.activation;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One run of an activation, as start-run opened it: the one exchange variable ({@value #VARIABLE}) its steps and
 * the steps of its batches read. The activation is resolved once, here, for the whole run.
 *
 * <p>An identity, not a value: the batches beside each other share it (its ChunkOrder above all), and Camel may
 * hash what it evaluates an expression on, which must not cost a walk over the activation.
 */
public final class Run {

    public static final String VARIABLE = "run";

    private final Activation activation;
    private final long id;
    private final String startedBy;
    private final ChunkOrder order;
    private final List<AutoCloseable> closedAtEnd;
    private final AtomicLong progressLoggedAt = new AtomicLong(System.nanoTime());
    private final AtomicBoolean tokenOnTrial = new AtomicBoolean();

    /** A run whose resources its caller closes (a test's, say). */
    public Run(Activation activation, long id, String startedBy, ChunkOrder order) {
        this(activation, id, startedBy, order, new CopyOnWriteArrayList<>());
    }

    Run(Activation activation, long id, String startedBy, ChunkOrder order, List<AutoCloseable> closedAtEnd) {
        this.activation = activation;
        this.id = id;
        this.startedBy = startedBy;
        this.order = order;
        this.closedAtEnd = closedAtEnd;
    }

    public Activation activation() {
        return activation;
    }

    public String activationId() {
        return activation.id();
    }

    public long id() {
        return id;
    }

    /** schedule, catch-up or run now (see Firings). */
    public String startedBy() {
        return startedBy;
    }

    /** What the run's batches, processed side by side, agree on. */
    public ChunkOrder order() {
        return order;
    }

    /** When the run last said how far it got (System.nanoTime), shared by its batches. */
    AtomicLong progressLoggedAt() {
        return progressLoggedAt;
    }

    /**
     * Whether this run tries again a token Pinterest refused before (a new token, or the cool-down is over): the
     * first request it answers clears the refusal.
     */
    public AtomicBoolean tokenOnTrial() {
        return tokenOnTrial;
    }

    /** A resource the run holds until its exchange is done (the segment's read permit), whatever steps ran. */
    public void closeAtEnd(AutoCloseable resource) {
        closedAtEnd.add(resource);
    }

    /** No field of the activation: its destination holds settings a log line has no business with. */
    @Override
    public String toString() {
        return "run " + id + " of activation '" + activation.id() + "'";
    }
}
