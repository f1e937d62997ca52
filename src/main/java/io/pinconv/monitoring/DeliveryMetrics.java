package io.pinconv.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * What Prometheus scrapes at /actuator/prometheus (behind the login): events delivered, rejected (by
 * reason) and parked per activation; fields events were sent without, per activation and field; requests per destination and HTTP status, with their latency;
 * time spent waiting on an ad account's rate limiter; the state of each destination's circuit breaker. Tags hold ids and codes, never personal data
 * or tokens.
 */
@Component
public class DeliveryMetrics {

    private final MeterRegistry registry;

    public DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void delivered(String activationId, long n) {
        count("conversions.events.delivered", n, "activation", activationId);
    }

    public void rejected(String activationId, String reason, long n) {
        count("conversions.events.rejected", n, "activation", activationId, "reason", reason);
    }

    /** Events sent without a field whose value could not be normalised (on-invalid-field: drop). */
    public void fieldsDropped(String activationId, String field, long n) {
        count("conversions.fields.dropped", n, "activation", activationId, "field", field);
    }

    /** Rows skipped because another row of the segment, read first, has their event id. */
    public void duplicates(String activationId, long n) {
        count("conversions.events.duplicate", n, "activation", activationId);
    }

    /** Events left pending after every retry: the dead-letter store. */
    public void parked(String activationId, long n) {
        count("conversions.events.pending", n, "activation", activationId);
    }

    /** @param status the HTTP status, or "network" when no answer came */
    public void request(String destinationId, String status, Duration took) {
        Timer.builder("conversions.requests")
                .tag("destination", destinationId)
                .tag("status", status)
                .publishPercentileHistogram(false)
                .register(registry)
                .record(took);
    }

    public void rateLimiterWait(String adAccountId, Duration waited) {
        Timer.builder("conversions.rate_limiter.wait")
                .tag("ad_account", adAccountId)
                .register(registry)
                .record(waited);
    }

    /**
     * The state of a destination's circuit breaker, as Prometheus likes states: one series per state,
     * 1 for the current one (closed, open, half_open); all 0 while the destination has no breaker.
     */
    public void circuitState(String destinationId, Supplier<String> state) {
        for (String s : List.of("closed", "open", "half_open")) {
            io.micrometer.core.instrument.Gauge.builder(
                            "conversions.circuit.state", () -> s.equalsIgnoreCase(state.get()) ? 1 : 0)
                    .tag("destination", destinationId)
                    .tag("state", s)
                    .register(registry);
        }
    }

    private void count(String name, long n, String... tags) {
        if (n > 0) {
            Counter.builder(name).tags(tags).register(registry).increment(n);
        }
    }
}
