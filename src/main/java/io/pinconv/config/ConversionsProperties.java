package io.pinconv.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The public configuration under {@code conversions.*}: destinations and activations by id, delivery policy. */
@ConfigurationProperties("conversions")
public record ConversionsProperties(
        Map<String, DestinationProperties> destinations,
        Map<String, ActivationProperties> activations,
        DeliveryProperties delivery) {

    public ConversionsProperties {
        delivery = delivery == null ? DeliveryProperties.defaults() : delivery;
        destinations = destinations == null ? Map.of() : new LinkedHashMap<>(destinations);
        activations = activations == null ? Map.of() : new LinkedHashMap<>(activations);
    }
}
