package io.pinconv.health;

import io.pinconv.config.ConversionsProperties;
import io.pinconv.delivery.DestinationBreakers;
import io.pinconv.ledger.DestinationStates;
import io.pinconv.pinterest.ConnectionTests;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * /actuator/health shows each destination: sending, paused because Pinterest refused its token, or
 * failing (its circuit breaker open); and the last connection test (ok or failed, why, and when; a dry run is not
 * tested), which says what is found but does not change the status by itself. Never the token.
 */
@Component("destinations")
public class DestinationsHealth implements HealthIndicator {

    private final ConversionsProperties properties;
    private final DestinationStates states;
    private final DestinationBreakers breakers;
    private final ConnectionTests tests;

    public DestinationsHealth(
            ConversionsProperties properties,
            DestinationStates states,
            DestinationBreakers breakers,
            ConnectionTests tests) {
        this.tests = tests;
        this.properties = properties;
        this.states = states;
        this.breakers = breakers;
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean down = false;
        for (var e : properties.destinations().entrySet()) {
            String id = e.getKey();
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("adAccountId", e.getValue().adAccountId());
            d.put("mode", e.getValue().dryRun() ? "dry run" : e.getValue().testMode() ? "test mode" : "live");
            var refusal = states.refusal(id);
            String breaker = breakers.state(id).orElse("CLOSED");
            if (refusal.isPresent()) {
                d.put("state", "paused");
                d.put("reason", refusal.get().message());
                d.put("since", refusal.get().refusedAt().toString());
                down = true;
            } else if (!"CLOSED".equals(breaker)) {
                d.put("state", "failing");
                d.put("circuitBreaker", breaker);
                down = true;
            } else {
                d.put("state", "sending");
            }
            var test = tests.last(id);
            if (test.isPresent()) {
                d.put("connection", test.get().connection());
                d.put("connectionMessage", test.get().message());
                d.put("connectionTestedAt", test.get().testedAt().toString());
            } else if (e.getValue().dryRun()) {
                d.put("connection", ConnectionTests.Result.NOT_TESTED);
                d.put("connectionMessage", "dry run: not tested");
            } else {
                d.put("connection", ConnectionTests.Result.NOT_TESTED);
                d.put("connectionMessage", "not tested since the start (POST /api/destinations/" + id + "/test)");
            }
            details.put(id, d);
        }
        return (down ? Health.down() : Health.up()).withDetails(details).build();
    }
}
