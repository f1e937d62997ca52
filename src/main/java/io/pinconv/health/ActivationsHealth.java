package io.pinconv.health;

import io.pinconv.activation.Activation;
import io.pinconv.activation.ActivationCatalog;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** /actuator/health shows each activation: ready, or misconfigured with what to fix. */
@Component("activations")
public class ActivationsHealth implements HealthIndicator {

    private final ActivationCatalog catalog;

    public ActivationsHealth(ActivationCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        for (Activation a : catalog.ready()) {
            details.put(
                    a.id(),
                    Map.of(
                            "state",
                            "scheduled",
                            "schedule",
                            a.schedule().toString(),
                            "destination",
                            a.destinationId(),
                            "dryRun",
                            a.destination().dryRun()));
        }
        catalog.problems()
                .forEach((id, problems) -> details.put(id, Map.of("state", "misconfigured", "problems", problems)));
        return (catalog.problems().isEmpty() ? Health.up() : Health.down())
                .withDetails(details)
                .build();
    }
}
