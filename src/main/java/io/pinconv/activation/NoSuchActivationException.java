package io.pinconv.activation;

/** No activation of that id is configured: the admin API answers 404. */
public class NoSuchActivationException extends IllegalArgumentException {

    public NoSuchActivationException(String id) {
        super("no activation '" + id + "' is configured");
    }
}
