package io.pinconv.support;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The activation most tests need: checkouts read from a purchase segment ({@link TestDatabase#newPurchaseSegment}),
 * each row one event identified by its order, its buyer by email. One definition, so that a change of how a user
 * maps a segment is made once, and the tests that differ from it show how.
 */
public final class PurchaseActivation {

    /** Pinterest's field, and the purchase segment's column that carries it. */
    public static final Map<String, String> MAPPING = ordered(
            "event_time", "purchased_at",
            "action_source", "channel",
            "event_id", "order_id",
            "email", "email",
            "value", "amount",
            "currency", "currency");

    private PurchaseActivation() {}

    /** The segment table of a schema made by {@link TestDatabase#newPurchaseSegment}. */
    public static String segment(String schema) {
        return schema + ".purchase_events";
    }

    /** The activation {@code id}: checkouts of {@code segment} sent to {@code destination}, run only when a test says. */
    public static void configure(DynamicPropertyRegistry p, String id, String destination, String segment) {
        TestConfig.activation(p, id, destination, segment, "checkout", TestConfig.NEVER, MAPPING);
    }

    /** The mapping as a YAML flow map, for the config file of a {@link ServiceProcess}. */
    public static String mappingYaml() {
        return MAPPING.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private static Map<String, String> ordered(String... fieldsAndColumns) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndColumns.length; i += 2) {
            map.put(fieldsAndColumns[i], fieldsAndColumns[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
