package io.pinconv.activation;

/**
 * The activation's source did not answer when the activation was last to run: nothing of its configuration is
 * wrong, and it runs once the source answers (it is tried again at each firing). The admin API answers 503.
 */
public class WaitingForSourceException extends IllegalStateException {

    private final String sourceId;

    public WaitingForSourceException(String activationId, String sourceId, String reason) {
        super("activation '" + activationId + "' is waiting for source '" + sourceId + "', which does not answer ("
                + reason + "); it is tried again at each run");
        this.sourceId = sourceId;
    }

    public String sourceId() {
        return sourceId;
    }
}
