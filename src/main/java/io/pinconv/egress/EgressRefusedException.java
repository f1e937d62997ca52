package io.pinconv.egress;

/**
 * A connection the egress allow-list refuses. Not an IOException: it is no outage, retrying it would only
 * delay the run's failure, which names the host.
 */
public class EgressRefusedException extends IllegalStateException {

    public EgressRefusedException(String message) {
        super(message);
    }
}
