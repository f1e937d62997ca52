package io.pinconv.support;

import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Configuration of the service under test, written as a user would write it, property by property. */
public final class TestConfig {

    /** Never fires by itself: tests run activations when they choose. */
    public static final String NEVER = "0 0 0 1 1 ? 2099";

    private TestConfig() {}

    public static void database(DynamicPropertyRegistry p) {
        p.add("spring.datasource.url", () -> TestDatabase.URL);
        p.add("spring.datasource.username", () -> TestDatabase.USER);
        p.add("spring.datasource.password", () -> TestDatabase.PASSWORD);
        p.add("conversions.delivery.retry-delay-ms", () -> "10");
        // a cluster of its own per test context: contexts alive side by side must not take each other's firings
        String scheduler = "it-"
                + Long.toString(java.util.concurrent.ThreadLocalRandom.current().nextLong(1L << 40), 36);
        p.add("spring.quartz.scheduler-name", () -> scheduler);
    }

    public static void destination(DynamicPropertyRegistry p, String id, String account, String token, String baseUrl) {
        String prefix = "conversions.destinations." + id + ".";
        p.add(prefix + "ad-account-id", () -> account);
        if (token != null) {
            p.add(prefix + "access-token", () -> token);
        }
        p.add(prefix + "base-url", () -> baseUrl);
    }

    public static void activation(
            DynamicPropertyRegistry p,
            String id,
            String destination,
            String segment,
            String type,
            String schedule,
            Map<String, String> mapping) {
        String prefix = "conversions.activations." + id + ".";
        p.add(prefix + "destination", () -> destination);
        p.add(prefix + "segment", () -> segment);
        p.add(prefix + "event-type", () -> type);
        p.add(prefix + "schedule", () -> schedule);
        mapping.forEach((field, column) -> p.add(prefix + "mapping." + field, () -> column));
    }
}
