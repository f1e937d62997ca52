package io.pinconv.health;

import io.pinconv.activation.Activation;
import io.pinconv.activation.ActivationCatalog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * /actuator/health shows each activation: scheduled, waiting for its source (which does not answer), or
 * misconfigured with what to fix.
 */
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
        Map<String, String> waiting = catalog.waiting();
        waiting.forEach((id, why) -> details.put(id, Map.of("state", "waiting-for-source", "problems", List.of(why))));
        Map<String, List<String>> problems = catalog.problems();
        problems.forEach((id, p) -> details.put(id, Map.of("state", "misconfigured", "problems", p)));
        return (problems.isEmpty() && waiting.isEmpty() ? Health.up() : Health.down())
                .withDetails(details)
                .build();
    }
}
