package io.pinconv.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * The public configuration under {@code conversions.*}: destinations and activations by id, delivery policy, and
 * the databases segments may be read from besides the service's own ({@code sources}, by id).
 */
@ConfigurationProperties("conversions")
public record ConversionsProperties(
        Map<String, DestinationProperties> destinations,
        Map<String, ActivationProperties> activations,
        DeliveryProperties delivery,
        Map<String, SourceProperties> sources,
        MonitorProperties monitors) {

    /** Without sources: segments in the service's own database only. */
    public ConversionsProperties(
            Map<String, DestinationProperties> destinations,
            Map<String, ActivationProperties> activations,
            DeliveryProperties delivery) {
        this(destinations, activations, delivery, null, null);
    }

    @ConstructorBinding
    public ConversionsProperties {
        delivery = delivery == null ? DeliveryProperties.defaults() : delivery;
        destinations = destinations == null ? Map.of() : new LinkedHashMap<>(destinations);
        activations = activations == null ? Map.of() : new LinkedHashMap<>(activations);
        sources = sources == null ? Map.of() : new LinkedHashMap<>(sources);
        monitors = monitors == null ? MonitorProperties.BUILT_IN : monitors.over(MonitorProperties.BUILT_IN);
    }
}
