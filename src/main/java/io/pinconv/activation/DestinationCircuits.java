package io.pinconv.activation;

import java.util.Optional;

/**
 * The state of each destination's circuit breaker (closed, open, half_open), as the delivery routes keep it: read by
 * what sits beside delivery (the admin API), which may not reach into it.
 */
public interface DestinationCircuits {

    /** The breaker's state, or empty while the destination has none. */
    Optional<String> state(String destinationId);
}
