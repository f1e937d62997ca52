package io.pinconv.activation;

import io.pinconv.config.DestinationProperties;
import io.pinconv.mapping.ActivationMapping;
import java.util.Map;

/**
 * An activation checked against its configuration and its segment, ready to run.
 *
 * @param columnByField the segment column behind each mapped field name, as the database names it
 */
public record Activation(
        String id,
        String destinationId,
        DestinationProperties destination,
        String segment,
        String schedule,
        int batchSize,
        ActivationMapping mapping,
        Map<String, String> columnByField) {

    public String eventType() {
        return mapping.eventType();
    }
}
