package io.pinconv.activation;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinconv.RunNowService;
import io.pinconv.standin.PinterestStandIn;
import io.pinconv.support.TestConfig;
import io.pinconv.support.TestDatabase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Configuration is checked at startup against the segment; a broken activation says what to fix and the others run. */
public class ActivationCatalogIT extends RunNowService {

    static final PinterestStandIn pinterest = new PinterestStandIn("tok-catalog");
    static final String schema = RunNowService.segmentOfTheService(segmentWithFlag(), pinterest);
    /** Its activations: the service runs those of other classes too. */
    static final List<String> ACTIVATIONS =
            List.of("good", "broken", "no-segment", "bad-destination", "bad-context", "over-http", "bool-cursor");

    static String segmentWithFlag() {
        String schema = TestDatabase.newPurchaseSegment();
        // a cursor on a column that does not grow as rows arrive: the activation says so instead of failing its runs
        TestDatabase.jdbc().execute("ALTER TABLE " + schema + ".purchase_events ADD COLUMN flagged boolean");
        return schema;
    }

    /** Its part of {@link RunNowService}'s configuration. */
    public static void activations(DynamicPropertyRegistry p) {
        TestConfig.destination(p, "catalog", TestDatabase.newAdAccount(), "tok-catalog", pinterest.baseUrl());
        TestConfig.destination(p, "no-token", "act_123", null, pinterest.baseUrl());
        TestConfig.destination(p, "plain-http", TestDatabase.newAdAccount(), "tok-catalog", "http://api.pinterest.com");
        String segment = schema + ".purchase_events";
        // a good one, with column names in another case than the table's, and a constant action source
        TestConfig.activation(
                p,
                "good",
                "catalog",
                segment,
                "lead",
                TestConfig.NEVER,
                Map.of("event_time", "PURCHASED_AT", "action_source", "=Offline", "em", "email", "opt_out", "false"));
        TestConfig.activation(
                p,
                "broken",
                "catalog",
                segment,
                "checkout",
                "every 5 minutes",
                Map.of(
                        "event_time",
                        "purchased_at",
                        "action_source",
                        "chanel",
                        "email",
                        "email",
                        "favourite_colour",
                        "x",
                        "emial",
                        "email",
                        "currency",
                        "=dollars"));
        TestConfig.activation(
                p,
                "no-segment",
                "catalog",
                schema + ".nope",
                "chekout",
                TestConfig.NEVER,
                Map.of("event_time", "purchased_at", "action_source", "channel", "email", "email"));
        TestConfig.activation(
                p,
                "bad-destination",
                "no-token",
                segment,
                "lead",
                TestConfig.NEVER,
                Map.of("event_time", "purchased_at", "action_source", "channel", "email", "email"));
        TestConfig.activation(
                p,
                "bad-context",
                "catalog",
                segment,
                "lead",
                TestConfig.NEVER,
                Map.of("event_time", "purchased_at", "action_source", "channel", "email", "email", "event_id", "=1"));
        TestConfig.activation(
                p,
                "over-http",
                "plain-http",
                segment,
                "lead",
                TestConfig.NEVER,
                Map.of("event_time", "purchased_at", "action_source", "channel", "email", "email"));
        TestConfig.activation(
                p,
                "bool-cursor",
                "catalog",
                segment,
                "lead",
                TestConfig.NEVER,
                Map.of(
                        "event_time",
                        "purchased_at",
                        "action_source",
                        "channel",
                        "email",
                        "email",
                        "event_id",
                        "order_id"));
        p.add("conversions.activations.bool-cursor.cursor", () -> "flagged");
        p.add("conversions.activations.bad-context.timezone", () -> "Mars/Olympus");
        p.add("conversions.activations.good.batch-size", () -> "1000");
        p.add("conversions.activations.broken.batch-size", () -> "5000");
    }

    @Autowired
    ActivationCatalog catalog;

    @Autowired
    ActivationRunner runner;

    @Autowired
    CamelContext camel;

    @Test
    void aBrokenActivationListsEverythingToFix() {
        List<String> problems = catalog.problems().get("broken");
        assertThat(problems)
                .anySatisfy(p -> assertThat(p)
                        .contains("schedule")
                        .contains("every 5 minutes")
                        .contains("0 0/15 * * * ?"));
        assertThat(problems)
                .anySatisfy(p -> assertThat(p).contains("batch-size 5000").contains("1 to 1000"));
        assertThat(problems)
                .anySatisfy(p -> assertThat(p)
                        .contains("mapping.favourite_colour")
                        .contains("unknown Pinterest field")
                        .contains("field mapping reference"));
        assertThat(problems)
                .anySatisfy(p -> assertThat(p)
                        .contains("column 'chanel' is not in segment")
                        .contains("(did you mean channel?)")
                        .contains("channel")
                        .contains("purchased_at"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("mapping.value is required for a checkout"));
        assertThat(problems)
                .anySatisfy(p -> assertThat(p).contains("mapping.emial").contains("did you mean email?"));
        assertThat(problems)
                .anySatisfy(p -> assertThat(p)
                        .contains("mapping.currency")
                        .contains("=dollars")
                        .contains("ISO 4217"));
        assertThat(catalog.problems().get("bad-context"))
                .anySatisfy(p -> assertThat(p).contains("timezone 'Mars/Olympus'"))
                .anySatisfy(p -> assertThat(p).contains("event_id must come from a column"));

        assertThat(catalog.problems().get("no-segment"))
                .anySatisfy(p -> assertThat(p).contains("cannot be read").contains("nope"))
                .anySatisfy(p -> assertThat(p).contains("event-type 'chekout'").contains("checkout"));
        assertThat(catalog.problems().get("bad-destination"))
                .anySatisfy(p -> assertThat(p)
                        .contains("destination 'no-token' is misconfigured")
                        .contains("ad-account-id")
                        .contains("access-token is missing"));
        assertThat(catalog.problems().get("over-http"))
                .anySatisfy(p -> assertThat(p)
                        .contains("destination 'plain-http' is misconfigured")
                        .contains("base-url must use https")
                        .contains("write https://api.pinterest.com"));
        assertThat(catalog.problems().get("bool-cursor"))
                .anySatisfy(p -> assertThat(p)
                        .contains("cursor: column 'flagged' cannot be a cursor")
                        .contains("boolean")
                        .contains("a timestamp"));
    }

    @Test
    void onlyTheGoodActivationIsScheduledAndItRuns() {
        assertThat(catalog.ready())
                .extracting(Activation::id)
                .filteredOn(ACTIVATIONS::contains)
                .containsExactly("good");
        assertThat(camel.getRoute(ActivationRoutes.routeId("good"))).isNotNull();
        assertThat(camel.getRoute(ActivationRoutes.routeId("broken"))).isNull();

        TestDatabase.insert(
                schema,
                List.of(TestDatabase.PurchaseRow.valid("CAT-1", Instant.now().minus(1, ChronoUnit.HOURS))));
        assertThat(runner.runNow("good").delivered()).isEqualTo(1);
        assertThat(pinterest.accepted()).singleElement().satisfies(e -> {
            assertThat(e.get("custom_data")).isNull();
            assertThat(e.get("action_source").asText()).isEqualTo("offline");
            assertThat(e.get("opt_out").asBoolean()).isFalse();
        });
    }
}
