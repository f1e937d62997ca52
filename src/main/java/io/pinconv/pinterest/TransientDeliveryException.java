package io.pinconv.pinterest;

/** Rate limited (429) or a server-side failure (5xx): the same request may succeed later. */
public class TransientDeliveryException extends PinterestException {

    private final Long retryAfterSeconds;

    public TransientDeliveryException(int status, String message, Long retryAfterSeconds) {
        super(status, message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Pinterest's Retry-After, in seconds, when it sent one. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
