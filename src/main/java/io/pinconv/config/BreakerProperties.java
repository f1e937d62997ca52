package io.pinconv.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The circuit breaker of one destination, {@code conversions.destinations.<id>.breaker.*}: what the
 * circuitBreaker EIP of its {@code deliver-to-<id>} route is given (routes/delivery.yaml). Unset values
 * take the defaults below; failure rate and wait take {@code conversions.delivery.breaker-failure-rate}
 * and {@code breaker-open-for}, so that a configuration written before these settings keeps its breaker.
 *
 * @param failureRate       percentage of failed calls, among the last {@code slidingWindowSize}, that opens it
 * @param slidingWindowSize how many of the last calls are looked at
 * @param minimumCalls      calls needed before the failure rate is judged at all
 * @param waitInOpen        how long an open breaker refuses calls (whole seconds: the EIP takes seconds)
 * @param halfOpenCalls     trial calls let through after the wait; their failure rate closes or reopens it
 */
public record BreakerProperties(
        Float failureRate,
        Integer slidingWindowSize,
        Integer minimumCalls,
        Duration waitInOpen,
        Integer halfOpenCalls) {

    public static final int DEFAULT_SLIDING_WINDOW_SIZE = 20;
    public static final int DEFAULT_MINIMUM_CALLS = 10;
    public static final int DEFAULT_HALF_OPEN_CALLS = 3;

    public static BreakerProperties unset() {
        return new BreakerProperties(null, null, null, null, null);
    }

    /** The settings the EIP gets: this destination's, else the delivery policy's, else the defaults above. */
    public BreakerProperties resolved(DeliveryProperties delivery) {
        return new BreakerProperties(
                failureRate != null ? failureRate : delivery.breakerFailureRate(),
                slidingWindowSize != null ? slidingWindowSize : DEFAULT_SLIDING_WINDOW_SIZE,
                minimumCalls != null ? minimumCalls : DEFAULT_MINIMUM_CALLS,
                waitInOpen != null ? waitInOpen : delivery.breakerOpenFor(),
                halfOpenCalls != null ? halfOpenCalls : DEFAULT_HALF_OPEN_CALLS);
    }

    /**
     * What to fix in the resolved settings, each naming its key under {@code conversions.destinations.<id>.breaker}
     * (or conversions.delivery, where the value came from there). Resilience4j would refuse most of these
     * with an IllegalArgumentException that names neither the destination nor the key.
     */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (failureRate == null || failureRate <= 0 || failureRate > 100) {
            p.add(
                    "breaker.failure-rate (or conversions.delivery.breaker-failure-rate) must be a percentage above 0 and at most"
                            + " 100, e.g. 50, not " + failureRate);
        }
        if (slidingWindowSize == null || slidingWindowSize < 1) {
            p.add("breaker.sliding-window-size must be at least 1 (the number of last calls looked at, e.g. 20), not "
                    + slidingWindowSize);
        }
        if (minimumCalls == null || minimumCalls < 1) {
            p.add("breaker.minimum-calls must be at least 1 (e.g. 10), not " + minimumCalls);
        } else if (slidingWindowSize != null && slidingWindowSize >= 1 && minimumCalls > slidingWindowSize) {
            // Resilience4j would quietly judge after sliding-window-size calls instead: say so rather than surprise
            p.add("breaker.minimum-calls (" + minimumCalls + ") must not exceed breaker.sliding-window-size ("
                    + slidingWindowSize + "): the breaker only ever looks at that many calls; raise the window or lower"
                    + " minimum-calls");
        }
        if (waitInOpen == null
                || waitInOpen.compareTo(Duration.ofSeconds(1)) < 0
                || waitInOpen.toNanos() % 1_000_000_000L != 0) {
            p.add("breaker.wait-in-open (or conversions.delivery.breaker-open-for) must be whole seconds, at least 1s"
                    + " (e.g. 30s), not "
                    + (waitInOpen == null
                            ? null
                            : waitInOpen.toString().substring(2).toLowerCase()));
        }
        if (halfOpenCalls == null || halfOpenCalls < 1) {
            p.add("breaker.half-open-calls must be at least 1 (the trial calls after the wait, e.g. 3), not "
                    + halfOpenCalls);
        }
        return p;
    }
}
