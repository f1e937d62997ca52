package io.pinconv.activation;

import java.util.List;

/**
 * The activation is configured but cannot run until its configuration is fixed: the admin API answers 409,
 * the request being right and the activation's state in the way.
 */
public class MisconfiguredActivationException extends IllegalArgumentException {

    public MisconfiguredActivationException(String id, List<String> problems) {
        super("activation '" + id + "' is misconfigured: " + String.join("; ", problems));
    }
}
